// Ordering questions: "Move up" and "Move down" buttons beside each step, operable with the
// keyboard and announced to screen readers, and drag-and-drop for a mouse or a finger.
// The rank boxes stay in the form: moving a step renumbers them, so the server reads one form
// whether JavaScript ran or not (without it, the trainee types the numbers). A step list is
// only renumbered once the trainee moves something: an untouched list is an unanswered question.
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));
  }

  function enhance(list) {
    const announcer = list.parentElement.querySelector("[data-announcer]");
    const items = () => Array.from(list.children);
    const label = (item) => item.querySelector("label").textContent.trim();

    function renumber() {
      items().forEach((item, index) => {
        item.querySelector("input.rank").value = String(index + 1);
      });
    }

    function refreshButtons() {
      const all = items();
      all.forEach((item, index) => {
        // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
        item.querySelector("[data-move='-1']").setAttribute("aria-disabled", String(index === 0));
        item.querySelector("[data-move='1']").setAttribute("aria-disabled", String(index === all.length - 1));
      });
    }

    function moved(item) {
      renumber();
      refreshButtons();
      const all = items();
      if (announcer) {
        announcer.textContent = format(list.dataset.announce, {
          item: label(item),
          position: all.indexOf(item) + 1,
          total: all.length,
        });
      }
      // Tell the autosave (it listens for "change" on the form).
      list.querySelector("input.rank").dispatchEvent(new Event("change", { bubbles: true }));
    }

    function move(item, step) {
      const all = items();
      const target = all.indexOf(item) + step;
      if (target < 0 || target >= all.length) return;
      if (step < 0) list.insertBefore(item, all[target]);
      else list.insertBefore(item, all[target].nextSibling);
      moved(item);
    }

    function button(item, step, text) {
      const control = document.createElement("button");
      control.type = "button";
      control.className = "button button--secondary move";
      control.dataset.move = String(step);
      control.textContent = step < 0 ? "↑" : "↓";
      control.setAttribute("aria-label", text + ": " + label(item));
      control.title = text;
      control.addEventListener("click", () => {
        if (control.getAttribute("aria-disabled") === "true") return;
        move(item, step);
        control.focus();
      });
      return control;
    }

    items().forEach((item) => {
      const rank = item.querySelector("input.rank");
      rank.hidden = true; // still sent with the form: the order of the list is the answer
      const controls = document.createElement("span");
      controls.className = "move-controls";
      controls.append(button(item, -1, list.dataset.moveUp), button(item, 1, list.dataset.moveDown));
      item.querySelector(".choice").append(controls);

      item.draggable = true;
      item.addEventListener("dragstart", (event) => {
        list.dragged = item;
        event.dataTransfer.effectAllowed = "move";
        item.classList.add("option--dragging");
      });
      item.addEventListener("dragend", () => item.classList.remove("option--dragging"));
      item.addEventListener("dragover", (event) => {
        if (!list.dragged || list.dragged === item) return;
        event.preventDefault();
      });
      item.addEventListener("drop", (event) => {
        const dragged = list.dragged;
        list.dragged = null;
        if (!dragged || dragged === item) return;
        event.preventDefault();
        const all = items();
        const before = all.indexOf(dragged) > all.indexOf(item) ? item : item.nextSibling;
        list.insertBefore(dragged, before);
        moved(dragged);
      });
    });
    list.classList.add("options--enhanced");
    refreshButtons();
  }

  document.querySelectorAll("ol[data-ordering]:not([data-readonly])").forEach(enhance);
})();
