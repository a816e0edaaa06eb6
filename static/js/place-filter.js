// Narrows the list of municipalities and regions as the reader types (the form still works
// without JavaScript: it sends ?q= to the server, which filters the same way).
(function () {
  var input = document.querySelector("[data-filter-places]");
  var status = document.querySelector("[data-filter-status]");
  if (!input) return;
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-place-group]"));
  function apply() {
    var wanted = input.value.trim().toLocaleLowerCase("sv");
    var shown = 0;
    groups.forEach(function (group) {
      var any = false;
      group.querySelectorAll("[data-place-name]").forEach(function (card) {
        var match = !wanted || card.getAttribute("data-place-name").indexOf(wanted) !== -1;
        card.hidden = !match;
        if (match) { any = true; shown += 1; }
      });
      group.hidden = !any;
    });
    if (status && wanted) {
      var words = shown === 1 ? status.dataset.one : status.dataset.many;
      status.textContent = words.replace("{n}", shown);
    } else if (status) {
      status.textContent = "";
    }
  }
  input.addEventListener("input", apply);
})();
