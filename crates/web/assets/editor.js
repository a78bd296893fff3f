// The PA 1 editor: autosave a moment after typing stops, keep unsent edits in the browser
// while offline (and across a reload), refuse to overwrite another tab's save, add and remove
// rows, sum the teaching hours and draw the Gantt rows live. Without this script the form
// still saves with its button.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) { return; }
  var id = form.dataset.id;
  var key = "thaipa:pending:" + id;
  var statusEl = document.getElementById("save-status");
  var versionEl = document.getElementById("version");
  var csrf = form.querySelector('input[name="csrf"]').value;
  var DELAY = 2000;
  var timer = null, keepTimer = null, refreshTimer = null;
  var inFlight = false, again = false, edits = 0, conflict = false;

  function setStatus(state, text) {
    statusEl.dataset.state = state;
    statusEl.textContent = text;
  }

  function time() {
    var d = new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  function body() {
    var data = new URLSearchParams(new FormData(form));
    data.set("version", versionEl.value);
    return data.toString();
  }

  function remember() {
    try {
      localStorage.setItem(key, JSON.stringify({ version: versionEl.value, body: body(), at: Date.now() }));
    } catch (e) { /* storage full or disabled: the save itself still runs */ }
  }

  function forget() { try { localStorage.removeItem(key); } catch (e) { } }

  // Two saved bodies hold the same text whatever version and token they were sent with.
  function sameContent(a, b) {
    function text(s) {
      var p = new URLSearchParams(s);
      p.delete("version");
      p.delete("csrf");
      return p.toString();
    }
    return text(a) === text(b);
  }

  function pending() {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function showErrors(errors) {
    form.querySelectorAll(".field-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll(".invalid").forEach(function (el) { el.classList.remove("invalid"); el.removeAttribute("aria-invalid"); });
    (errors || []).forEach(function (e) {
      var p = form.querySelector('[data-error-for="' + CSS.escape(e.path) + '"]');
      var input = form.querySelector('[name="' + CSS.escape(e.path) + '"]');
      if (p) { p.textContent = e.message; p.hidden = false; }
      if (input) { input.classList.add("invalid"); input.setAttribute("aria-invalid", "true"); }
    });
  }

  function save() {
    if (conflict) { return; }
    if (inFlight) { again = true; return; }
    clearTimeout(timer);
    inFlight = true;
    var sentEdits = edits;
    var sent = body();
    remember();
    setStatus("saving", "กำลังบันทึก…");
    fetch(form.action, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json", "X-CSRF-Token": csrf },
      body: sent,
      credentials: "same-origin"
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { status: r.status, data: data }; });
    }).then(function (res) {
      inFlight = false;
      if (res.status === 200) {
        versionEl.value = res.data.version;
        showErrors([]);
        document.getElementById("findings-panel").innerHTML = res.data.findings_html;
        linkFindings();
        (res.data.normalized || []).forEach(function (pair) {
          var el = form.querySelector('[name="' + CSS.escape(pair[0]) + '"]');
          if (el && edits === sentEdits) { el.value = pair[1]; }
        });
        if (edits === sentEdits) { forget(); } else { remember(); }
        setStatus("saved", "บันทึกแล้ว " + time() + " · ข้อผิดพลาด " + res.data.errors + " · คำเตือน " + res.data.warnings);
      } else if (res.status === 409) {
        conflict = true;
        document.getElementById("conflict").hidden = false;
        setStatus("conflict", "ไม่ได้บันทึก: มีการแก้ไขจากที่อื่น");
      } else if (res.status === 422) {
        showErrors(res.data.errors);
        setStatus("invalid", res.data.message || "ยังไม่ได้บันทึก: มีข้อมูลไม่ถูกต้อง");
      } else if (res.status === 401 || res.status === 0) {
        setStatus("offline", "หมดเวลาเข้าสู่ระบบ: การแก้ไขเก็บไว้ในเครื่องแล้ว กรุณาเข้าสู่ระบบในแท็บใหม่");
      } else {
        setStatus("error", (res.data && res.data.message) || ("บันทึกไม่สำเร็จ (" + res.status + ") การแก้ไขเก็บไว้ในเครื่องแล้ว"));
      }
      if (again) { again = false; schedule(); }
    }).catch(function () {
      inFlight = false;
      setStatus("offline", "ออฟไลน์: เก็บการแก้ไขไว้ในเครื่องแล้ว จะส่งเมื่อกลับมาออนไลน์");
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(save, DELAY);
  }

  // Serialising the whole form on every keystroke would be slow on a phone: the local copy
  // and the live sums follow typing a moment later.
  function changed() {
    edits += 1;
    if (!conflict) { setStatus("dirty", "ยังไม่ได้บันทึก"); }
    schedule();
    clearTimeout(keepTimer);
    keepTimer = setTimeout(remember, 300);
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 150);
  }

  // Rows: names are paths, so a row's inputs are renumbered whenever rows come or go.
  function renumber(list) {
    var prefix = list.dataset.list;
    var pattern = new RegExp("^" + prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "/\\d+(?=/|$)");
    Array.prototype.forEach.call(list.querySelectorAll(":scope > [data-row]"), function (row, i) {
      row.querySelectorAll("[name],[id],[for],[data-error-for]").forEach(function (el) {
        ["name", "data-error-for"].forEach(function (a) {
          var v = el.getAttribute(a);
          if (v) { el.setAttribute(a, v.replace(pattern, prefix + "/" + i)); }
        });
        ["id", "for"].forEach(function (a) {
          var v = el.getAttribute(a);
          if (v && v.indexOf("in" + prefix) === 0) { el.setAttribute(a, "in" + v.slice(2).replace(pattern, prefix + "/" + i)); }
        });
      });
    });
  }

  function listOf(prefix) { return form.querySelector('[data-list="' + CSS.escape(prefix) + '"]'); }

  function addRow(prefix) {
    var list = listOf(prefix);
    var rows = list.querySelectorAll(":scope > [data-row]");
    var row = rows[rows.length - 1].cloneNode(true);
    row.querySelectorAll("input[type=text], textarea").forEach(function (el) { el.value = ""; });
    row.querySelectorAll("select").forEach(function (el) { el.selectedIndex = 0; });
    row.querySelectorAll(".review-comment").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".field-error").forEach(function (el) { el.hidden = true; el.textContent = ""; });
    list.appendChild(row);
    renumber(list);
    wireRow(row);
    return row;
  }

  function wireRow(row) {
    var remove = row.querySelector("[data-remove-row]");
    if (!remove) { return; }
    remove.hidden = false;
    remove.onclick = function () {
      var list = row.parentElement;
      if (list.querySelectorAll(":scope > [data-row]").length > 1) {
        row.remove();
      } else {
        row.querySelectorAll("input[type=text], textarea").forEach(function (el) { el.value = ""; });
        row.querySelectorAll("select").forEach(function (el) { el.selectedIndex = 0; });
      }
      renumber(list);
      changed();
    };
  }

  function number(v) {
    var n = parseFloat(String(v).replace(/[๐-๙]/g, function (d) { return "๐๑๒๓๔๕๖๗๘๙".indexOf(d); }));
    return isNaN(n) ? 0 : n;
  }

  // Live sums of the workload and the Gantt rows of each challenge issue.
  function refresh() {
    var total = 0;
    form.querySelectorAll("[data-work-item]").forEach(function (item) {
      var sumEl = item.querySelector("[data-subject-sum]");
      if (sumEl) {
        var s = 0;
        item.querySelectorAll('[name$="/hours"]').forEach(function (el) {
          if (/\/subjects\/\d+\/hours$/.test(el.name)) { s += number(el.value); }
        });
        sumEl.textContent = String(Math.round(s * 100) / 100);
      }
      item.querySelectorAll('[name$="/hours"]').forEach(function (el) {
        if (/^\/workload\/items\/\d+\/hours$/.test(el.name)) { total += number(el.value); }
      });
    });
    var totalEl = document.getElementById("work-total");
    if (totalEl) {
      totalEl.textContent = String(Math.round(total * 100) / 100);
      var min = document.getElementById("work-minimum");
      totalEl.classList.toggle("short", !!min && total < number(min.textContent));
    }
    form.querySelectorAll("table[data-gantt]").forEach(function (table) {
      var list = listOf(table.dataset.gantt);
      var months = Array.prototype.map.call(list.querySelector("select[data-month]").options, function (o) { return o.value; }).slice(1);
      var tbody = table.tBodies[0];
      tbody.textContent = "";
      Array.prototype.forEach.call(list.querySelectorAll(":scope > [data-row]"), function (row, i) {
        var sel = row.querySelectorAll("select[data-month]");
        var start = sel[0].value, end = sel[1].value;
        var tr = tbody.insertRow();
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = String(i + 1);
        tr.appendChild(th);
        months.forEach(function (m) {
          var td = tr.insertCell();
          var on = start && end ? (start <= m && m <= end) : (m === start || m === end);
          if (on) { td.className = "on"; }
        });
      });
    });
  }

  function linkFindings() {
    document.querySelectorAll("#findings-panel a[data-path]").forEach(function (a) {
      a.onclick = function (e) {
        var el = form.querySelector('[name="' + CSS.escape(a.dataset.path) + '"]') || document.getElementById("in" + a.dataset.path);
        if (!el) { return; }
        e.preventDefault();
        var details = el.closest("details");
        if (details) { details.open = true; }
        el.scrollIntoView({ block: "center" });
        if (el.focus) { el.focus(); }
      };
    });
  }

  // Puts the fields of an unsent post back into the page, adding rows it needs.
  function restore(saved) {
    var params = new URLSearchParams(saved.body);
    var lists = Array.prototype.map.call(form.querySelectorAll("[data-list]"), function (l) { return l.dataset.list; });
    form.querySelectorAll('input[type=checkbox], input[type=radio]').forEach(function (el) { el.checked = false; });
    params.forEach(function (value, name) {
      if (name.charAt(0) !== "/") { return; }
      var el = form.querySelector('[name="' + CSS.escape(name) + '"]');
      if (!el) {
        lists.forEach(function (prefix) {
          var m = name.slice(prefix.length).match(/^\/(\d+)(\/|$)/);
          if (name.indexOf(prefix) === 0 && m) {
            while (listOf(prefix).querySelectorAll(":scope > [data-row]").length <= Number(m[1])) { addRow(prefix); }
          }
        });
      }
      var els = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
      els.forEach(function (e) {
        if (e.type === "checkbox" || e.type === "radio") { if (e.value === value) { e.checked = true; } }
        else { e.value = value; }
      });
    });
    refresh();
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (e) { e.preventDefault(); save(); });
  window.addEventListener("online", function () { if (pending()) { save(); } });
  form.querySelectorAll("[data-add-row]").forEach(function (b) {
    b.hidden = false;
    b.onclick = function () { addRow(b.dataset.addRow); changed(); };
  });
  form.querySelectorAll("[data-row]").forEach(wireRow);
  document.getElementById("conflict-reload").onclick = function () { forget(); location.reload(); };
  document.getElementById("conflict-keep").onclick = function () {
    // The maker has seen the conflict and chooses this page's text: save it over the newer one.
    fetch("/agreements/" + id + "/edit", { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
      var m = html.match(/name="version" value="(\d+)"/);
      if (m) { versionEl.value = m[1]; conflict = false; document.getElementById("conflict").hidden = true; save(); }
    });
  };
  // Leaving the page (to submit, say) first sends what is unsaved.
  document.querySelectorAll('a[href$="/submit"]').forEach(function (a) {
    a.addEventListener("click", function (e) {
      if (statusEl.dataset.state === "saved") { return; }
      e.preventDefault();
      save();
      var wait = setInterval(function () {
        if (!inFlight) {
          clearInterval(wait);
          if (statusEl.dataset.state === "saved") { location.href = a.href; }
        }
      }, 100);
    });
  });
  window.addEventListener("beforeunload", function () {
    if (statusEl.dataset.state !== "saved") { remember(); }
  });

  // An edit that never reached the server (offline, closed tab) comes back on the next visit.
  // One that did reach it after all (the old page saved as the connection came back, while
  // this one loaded) is the page's content already: nothing to restore, nothing in conflict.
  var saved = pending();
  if (saved && saved.version !== versionEl.value && sameContent(saved.body, body())) {
    forget();
    saved = null;
  }
  if (saved) {
    var note = document.getElementById("restored");
    restore(saved);
    if (saved.version === versionEl.value) {
      note.textContent = "นำการแก้ไขที่ยังไม่ได้ส่งจากครั้งก่อนกลับมาแล้ว กำลังบันทึก…";
      note.hidden = false;
      save();
    } else {
      conflict = true;
      note.textContent = "นำการแก้ไขที่ยังไม่ได้ส่งจากครั้งก่อนกลับมาในหน้านี้แล้ว แต่ข้อตกลงถูกแก้ไขจากที่อื่นหลังจากนั้น ตรวจดูแล้วเลือกด้านล่าง";
      note.hidden = false;
      document.getElementById("conflict").hidden = false;
      setStatus("conflict", "ยังไม่ได้บันทึก");
    }
  }
  linkFindings();
  refresh();
})();
