// Saves answers as the trainee goes, so a break or a lost connection loses nothing.
// Without JavaScript the "Save answers" button does the same.
(function () {
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = form.querySelector(".autosave-status");
  let timer = null;
  function save() {
    const data = new FormData(form);
    fetch(form.action, {
      method: "POST",
      body: data,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    })
      .then((response) => response.json())
      .then((result) => {
        if (status) status.textContent = result.problems.length ? result.problems.join(" ") : form.dataset.savedText || "✓";
      })
      .catch(() => {
        if (status) status.textContent = "…";
      });
  }
  function saveSoon() {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  }
  form.addEventListener("change", saveSoon);
  // On a slow connection a trainee can answer before this script has run: that change fired
  // no event we heard, so anything that differs from what the server sent is saved now.
  const changedBeforeReady = Array.from(form.elements).some((field) =>
    field.type === "checkbox" || field.type === "radio"
      ? field.checked !== field.defaultChecked
      : "defaultValue" in field && field.type !== "hidden" && field.value !== field.defaultValue
  );
  if (changedBeforeReady) saveSoon();
})();
