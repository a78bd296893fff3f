// ThaiPA page behaviour. Pages work without it; it adds the CSRF header to htmx requests,
// asks before leaving a form with unsaved changes, and lets a long list of choices be searched.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) { event.detail.headers["X-CSRF-Token"] = meta.content; }
});
document.addEventListener("DOMContentLoaded", function () {
  // A search box over a long <select> (a whole area's candidates): the list keeps only the
  // choices holding every typed word; one left is chosen. Options are taken out and put back,
  // not hidden, because phones' pickers show hidden options anyway.
  document.querySelectorAll("input[data-filters]").forEach(function (box) {
    var select = document.getElementById(box.getAttribute("data-filters"));
    if (!select) { return; }
    var all = Array.prototype.map.call(select.children, function (node) {
      return { node: node, options: node.tagName === "OPTGROUP" ? Array.prototype.slice.call(node.children) : null };
    });
    box.hidden = false;
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
      var matches = function (o) {
        var text = o.textContent.toLowerCase();
        return !o.value || words.every(function (w) { return text.indexOf(w) >= 0; });
      };
      var chosen = select.value, left = [];
      select.textContent = "";
      all.forEach(function (entry) {
        if (!entry.options) { if (matches(entry.node)) { select.appendChild(entry.node); } return; }
        entry.node.textContent = "";
        entry.options.filter(matches).forEach(function (o) { entry.node.appendChild(o); left.push(o); });
        if (entry.node.children.length) { select.appendChild(entry.node); }
      });
      var still = left.some(function (o) { return o.value === chosen; });
      select.value = still ? chosen : (left.length === 1 ? left[0].value : "");
      box.setAttribute("data-count", String(left.length));
    });
  });
  // A button that cannot be undone (signing a score sheet, finalising a result) asks first.
  document.querySelectorAll("button[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (e) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });
  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (e) {
      if (dirty) { e.preventDefault(); e.returnValue = ""; }
    });
  });
});
