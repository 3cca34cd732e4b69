// The book's picker: each later dropdown offers what the earlier choices allow; the pane of the
// chosen options is shown and its images load. Embedded by pickers.BookPicker after its panes.
(function (root) {
  var selects = root.querySelectorAll("select[data-key]"), panes = root.querySelectorAll("[data-choice]");
  function choice(p) { return JSON.parse(p.dataset.choice); }
  function update(from) {
    var chosen = {};
    selects.forEach(function (s, i) {
      if (i > from) {
        var seen = [], keep = s.value;
        panes.forEach(function (p) {
          var c = choice(p), ok = Object.keys(chosen).every(function (k) { return c[k] === chosen[k]; });
          if (ok && seen.indexOf(c[s.dataset.key]) < 0) seen.push(c[s.dataset.key]);
        });
        s.innerHTML = "";
        seen.forEach(function (v) { s.add(new Option(v, v)); });
        s.value = seen.indexOf(keep) < 0 ? seen[0] : keep;
      }
      chosen[s.dataset.key] = s.value;
    });
    panes.forEach(function (p) {
      var c = choice(p), on = Object.keys(chosen).every(function (k) { return c[k] === chosen[k]; });
      p.hidden = !on;
      if (on) p.querySelectorAll("img[data-src]").forEach(function (img) { img.src = img.dataset.src; img.removeAttribute("data-src"); });
    });
  }
  selects.forEach(function (s, i) { s.addEventListener("change", function () { update(i); }); });
})(document.currentScript.parentElement);
