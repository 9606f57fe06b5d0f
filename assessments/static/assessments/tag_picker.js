// The tag picker (assessments/tag_picker.py): filter the grouped checkboxes as the editor types
// and say how many are chosen. Listens on the document, because StreamField creates pickers
// after the page has loaded (a new option, a new question). Without it the list still works.
(function () {
  "use strict";

  function normalise(text) {
    return text.toLocaleLowerCase().normalize("NFKD").replace(/[\u0300-\u036f\u064b-\u065f]/g, "");
  }

  function filter(picker, query) {
    const words = normalise(query).split(/\s+/).filter(Boolean);
    picker.querySelectorAll("[data-tag-picker-group]").forEach(function (group) {
      let shown = 0;
      group.querySelectorAll("[data-tag-picker-option]").forEach(function (option) {
        const label = normalise(option.textContent);
        const match = words.every(function (word) { return label.includes(word); });
        option.hidden = !match;
        if (match) shown += 1;
      });
      group.hidden = shown === 0;
    });
  }

  function count(picker) {
    const output = picker.querySelector("[data-tag-picker-count]");
    if (!output) return;
    const chosen = picker.querySelectorAll("input[type=checkbox]:checked").length;
    output.textContent = chosen ? output.dataset.template.replace("{count}", chosen) : "";
  }

  function prepare(root) {
    root.querySelectorAll("[data-tag-picker]").forEach(function (picker) {
      const search = picker.querySelector("[data-tag-picker-search]");
      if (search) search.hidden = false;
      count(picker);
    });
  }

  document.addEventListener("input", function (event) {
    const search = event.target.closest("[data-tag-picker-search]");
    if (search) filter(search.closest("[data-tag-picker]"), search.value);
  });
  document.addEventListener("change", function (event) {
    const picker = event.target.closest("[data-tag-picker]");
    if (picker) count(picker);
  });
  // Pressing Enter in the search box must not submit the editor's form.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.closest("[data-tag-picker-search]")) {
      event.preventDefault();
    }
  });

  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(function (node) {
        if (node.nodeType === Node.ELEMENT_NODE) prepare(node.parentNode || node);
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  prepare(document);
})();
