/* Progressive enhancement for a long list of checkboxes: a box above the list that shows
   only the options whose label contains what is typed. Without JavaScript the whole list
   is there to tick. Mark the options with data-filter-list="<label for the filter box>". */
(function () {
  "use strict";
  var seen = [];
  document.querySelectorAll("input[data-filter-list]").forEach(function (option) {
    var list = option.closest(".govuk-checkboxes");
    if (!list || seen.indexOf(list) !== -1) { return; }
    seen.push(list);
    var id = option.name + "-filter";
    var group = document.createElement("div");
    group.className = "govuk-form-group govuk-!-margin-bottom-3";
    var label = document.createElement("label");
    label.className = "govuk-label";
    label.htmlFor = id;
    label.textContent = option.dataset.filterList;
    var box = document.createElement("input");
    box.className = "govuk-input";
    box.id = id;
    box.type = "search";
    box.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "govuk-body-s";
    status.setAttribute("role", "status");
    group.append(label, box, status);
    list.parentNode.insertBefore(group, list);
    var items = list.querySelectorAll(".govuk-checkboxes__item");
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var input = item.querySelector("input");
        var match = !words || input.checked ||
          item.textContent.toLowerCase().indexOf(words) !== -1;
        // GOV.UK styles each item with display: flex, which the hidden attribute loses to.
        item.style.display = match ? "" : "none";
        if (match) { shown += 1; }
      });
      status.textContent = words ? shown + " of " + items.length + " shown" : "";
    });
  });
})();
