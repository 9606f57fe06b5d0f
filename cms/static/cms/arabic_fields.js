/* Arabic is typed right to left in the admin, whatever the admin's own language (issue 13, §5).
   - Every field whose name ends in "_ar" (model fields, and StreamField children such as
     "questions-0-value-stem_ar") is right to left, and so is a rich text editor inside one.
   - On the editor of a page or snippet in the Arabic locale (Wagtail's ACTIVE_CONTENT_LOCALE),
     titles, text areas and rich text are right to left, and other text inputs follow what is typed
     (dir="auto"); English fields ("_en"), the slug, codes, dates, addresses and emails stay left to right.
   A MutationObserver covers blocks added to a StreamField after the page loaded. */
(function () {
  "use strict";

  function contentLocale() {
    var config = document.getElementById("wagtail-config");
    if (!config) return "";
    try {
      return JSON.parse(config.textContent).ACTIVE_CONTENT_LOCALE || "";
    } catch (error) {
      return "";
    }
  }

  var arabicLocale = contentLocale() === "ar";
  var TEXT_INPUTS = 'input[type="text"], input:not([type]), textarea';

  function setDirection(element, direction) {
    if (element.getAttribute("dir") !== direction) element.setAttribute("dir", direction);
    if (direction === "rtl" && !element.hasAttribute("lang")) element.setAttribute("lang", "ar");
  }

  function isEnglish(name) {
    return /(_en|_at|_on|date|slug|code|url|email)$/.test(name);
  }

  function mark() {
    var root = document;
    root.querySelectorAll('[name$="_ar"]').forEach(function (field) {
      if (field.matches(TEXT_INPUTS)) setDirection(field, "rtl");
    });
    root.querySelectorAll('[data-contentpath$="_ar"] .Draftail-Editor, [data-contentpath$="_ar"] [contenteditable="true"]').forEach(function (editor) {
      setDirection(editor, "rtl");
    });
    if (!arabicLocale) return;
    var scope = document.querySelector("form[data-edit-form]");
    if (!scope) return;
    scope.querySelectorAll(TEXT_INPUTS).forEach(function (field) {
      var name = field.getAttribute("name") || "";
      if (!name || isEnglish(name) || field.closest('[data-contentpath$="_en"]')) return;
      if (field.tagName === "TEXTAREA" || /(^|_)title$/.test(name)) {
        setDirection(field, "rtl");
      } else if (!field.hasAttribute("dir")) {
        field.setAttribute("dir", "auto");
      }
    });
    scope.querySelectorAll(".Draftail-Editor").forEach(function (editor) {
      if (!editor.closest('[data-contentpath$="_en"]')) setDirection(editor, "rtl");
    });
  }

  function start() {
    mark();
    new MutationObserver(function (mutations) {
      for (var i = 0; i < mutations.length; i += 1) {
        var target = mutations[i].target;
        // Typing in a rich text editor adds nodes too: only new fields matter.
        if (mutations[i].addedNodes.length && !(target.closest && target.closest("[contenteditable]"))) {
          mark();
          return;
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
