// Wagtail's "also viewing" avatars (shown when two people have the same page or snippet open)
// are buttons whose only text is a hidden tooltip, so a screen reader announces a nameless
// button (axe: button-name, critical). Name each one from its tooltip: "Amal Haddad - Currently
// viewing". The list is re-rendered as people come and go, so new buttons are named as they come.
(function () {
  "use strict";

  function name(root) {
    root.querySelectorAll("button.w-editing-sessions__session:not([aria-label])").forEach((button) => {
      // Wagtail's tooltip controller moves the tooltip out of the button into tippy's popper
      // (kept on the button as _tippy) as soon as the button appears; before that it is inside.
      const tooltip =
        button.querySelector(".w-editing-sessions__popup") ||
        (button._tippy && button._tippy.props.content);
      const text = tooltip && tooltip.textContent ? tooltip.textContent.replace(/\s+/g, " ").trim() : "";
      if (text) button.setAttribute("aria-label", text);
    });
  }

  function start() {
    name(document);
    new MutationObserver(() => name(document)).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
