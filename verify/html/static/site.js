// mechverify dashboard: filters and sorting for the claims table. Plain JS, no libraries;
// the pages are complete without it. Filters are read from the URL (?verdict=REFUTED&role=step&q=text).
(function () {
  "use strict";
  function rows(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }

  function applyFilters(table, form) {
    var q = (form.elements.q.value || "").toLowerCase();
    var verdict = form.elements.verdict.value;
    var role = form.elements.role.value;
    var shown = 0;
    rows(table).forEach(function (tr) {
      var ok = (!verdict || tr.getAttribute("data-verdict") === verdict) &&
               (!role || tr.getAttribute("data-role") === role) &&
               (!q || tr.textContent.toLowerCase().indexOf(q) >= 0);
      tr.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var count = document.getElementById("shown");
    if (count) { count.textContent = String(shown); }
    table.setAttribute("data-shown", String(shown));
  }

  function sortBy(table, index, th) {
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var numeric = th.classList.contains("num");
    var body = table.tBodies[0];
    rows(table).sort(function (a, b) {
      var x = a.cells[index].getAttribute("data-sort") || a.cells[index].textContent;
      var y = b.cells[index].getAttribute("data-sort") || b.cells[index].textContent;
      var r = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
      return asc ? r : -r;
    }).forEach(function (tr) { body.appendChild(tr); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
        th.addEventListener("click", function () { sortBy(table, i, th); });
      });
    });
    var form = document.getElementById("filters");
    var table = document.getElementById("claims");
    if (!form || !table) { return; }
    form.hidden = false;
    var params = new URLSearchParams(window.location.search);
    ["q", "verdict", "role"].forEach(function (name) {
      if (params.has(name)) { form.elements[name].value = params.get(name); }
    });
    var update = function () { applyFilters(table, form); };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); update(); });
    update();
  });
}());
