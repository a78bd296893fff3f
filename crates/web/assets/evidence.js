// Resumable evidence uploads: the file goes in 8 MB chunks; a dropped connection is retried
// from the offset the server reports, so a 2 GB clip never starts over. The upload under way is
// remembered in this browser (localStorage), so one cut off by a closed tab or a reload goes on
// when the maker picks the same file again. Without JavaScript the page still takes links and
// notes.
(function () {
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  var CHUNK = 8 * 1024 * 1024;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var bar = document.getElementById("upload-progress");
  var status = document.getElementById("upload-status");
  var input = document.getElementById("file");

  function say(text) { status.textContent = text; }
  function json(r) { return r.json().catch(function () { return {}; }).then(function (d) { return { status: r.status, data: d }; }); }
  function wait(ms) { return new Promise(function (ok) { setTimeout(ok, ms); }); }

  function offsetOf(id) {
    return fetch("/uploads/" + id, { credentials: "same-origin" }).then(json).then(function (r) {
      if (r.status !== 200) { var e = new Error("gone"); e.gone = true; throw e; }
      return r.data.offset;
    });
  }

  // The one upload of this page that has not finished: its id and the file it was for.
  var KEY = "thaipa-upload:" + location.pathname;
  function pending() {
    try { return JSON.parse(localStorage.getItem(KEY)); } catch (e) { return null; }
  }
  function remember(id, file) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ id: id, name: file.name, size: file.size, modified: file.lastModified }));
    } catch (e) { /* private mode: the upload still resumes while the page stays open */ }
  }
  function forget() { try { localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ } }
  function sameFile(p, file) {
    return p && p.name === file.name && p.size === file.size && p.modified === file.lastModified;
  }

  function send(id, file, offset, tries) {
    bar.value = Math.floor(offset * 100 / file.size);
    say("กำลังส่ง " + bar.value + "% (" + (offset / 1048576).toFixed(0) + " / " + (file.size / 1048576).toFixed(0) + " MB)");
    return fetch("/uploads/" + id, {
      method: "PATCH", credentials: "same-origin",
      headers: { "Upload-Offset": String(offset), "X-CSRF-Token": csrf, "Content-Type": "application/octet-stream" },
      body: file.slice(offset, Math.min(offset + CHUNK, file.size))
    }).then(json).then(function (r) {
      if (r.status === 201) { return r.data; }
      if (r.status === 200) { return send(id, file, r.data.offset, 0); }
      if (r.status === 409 && typeof r.data.offset === "number") { return send(id, file, r.data.offset, 0); }
      // The server still takes this upload's previous request: let it drain, then go on.
      if (r.status === 423) { return wait(1000).then(function () { return offsetOf(id); }).then(function (at) { return send(id, file, at, tries); }); }
      if (r.status === 400) { throw new Error("retry"); }
      var e = new Error(r.data.message || ("ส่งไม่สำเร็จ (" + r.status + ")")); e.final = true; throw e;
    }).catch(function (e) {
      if (e.final) { throw e; }
      // Offline or cut off: wait, ask where the server stands, go on from there.
      window.evidenceResumes = (window.evidenceResumes || 0) + 1;
      say("สัญญาณหลุด กำลังลองส่งต่อจากจุดที่ค้าง…");
      return wait(Math.min(2000 * (tries + 1), 10000)).then(function () { return offsetOf(id); })
        .then(function (at) { return send(id, file, at, tries + 1); }, function () { return send(id, file, offset, tries + 1); });
    });
  }

  // The browser's own checks run here, in the submit handler: an upload that goes on needs
  // none of the fields, which were given when it started.
  form.noValidate = true;
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var file = input.files[0];
    if (!file) { say("กรุณาเลือกไฟล์"); return; }
    var before = pending();
    if (!sameFile(before, file) && !form.reportValidity()) { return; }
    var data = new URLSearchParams(new FormData(form));
    data.delete("file");
    data.set("file_name", file.name);
    data.set("size", String(file.size));
    bar.hidden = false; bar.value = 0;
    status.classList.remove("field-error");
    document.getElementById("upload").disabled = true;
    function start() {
      return fetch(form.action, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf },
        body: data.toString()
      }).then(json).then(function (r) {
        if (r.status !== 201) { var e = new Error(r.data.message || "เริ่มส่งไม่ได้"); e.final = true; throw e; }
        remember(r.data.id, file);
        return send(r.data.id, file, 0, 0);
      });
    }
    var upload = sameFile(before, file)
      ? offsetOf(before.id).then(function (at) {
          window.evidenceResumedFrom = at;
          return send(before.id, file, at, 0);
        }, function (e) {
          if (!e.gone) { throw e; }
          forget();
          return start();
        })
      : start();
    upload.then(function () {
      forget();
      bar.value = 100; say("แนบแล้ว");
      location.href = location.pathname + "?done=added";
    }).catch(function (e) {
      // A refusal says why in Thai; anything else is the network, before any byte went.
      if (e.final) { forget(); }
      say(e.final ? e.message : "ติดต่อเซิร์ฟเวอร์ไม่ได้ ตรวจสัญญาณแล้วกดอัปโหลดอีกครั้ง");
      status.classList.add("field-error");
      document.getElementById("upload").disabled = false;
    });
  });

  // An upload this page left unfinished: say how far it got and how to go on.
  var left = pending();
  if (left) {
    offsetOf(left.id).then(function (at) {
      bar.hidden = false; bar.value = Math.floor(at * 100 / left.size);
      say("ไฟล์ " + left.name + " ส่งค้างไว้ " + bar.value + "% เลือกไฟล์เดิมแล้วกดอัปโหลด ระบบจะส่งต่อจากจุดที่ค้าง (ใช้ชื่อและตัวชี้วัดที่กรอกไว้ครั้งก่อน)");
      window.evidencePending = left.name;
    }, function (e) { if (e.gone) { forget(); } });
  }

  document.querySelectorAll("[data-suggest]").forEach(function (b) {
    b.addEventListener("click", function () {
      document.getElementById("u-title").value = b.dataset.suggest;
      form.querySelectorAll('input[name="indicator"]').forEach(function (c) { c.checked = c.value === b.dataset.indicator; });
      document.getElementById("add").scrollIntoView();
    });
  });
})();
