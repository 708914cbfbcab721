/* The document form: a new issued document proposes the next number of its type for the year of its date.
   When the type or the date changes (and the number was not typed by hand), ask the server for the proposal. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    const form = document.querySelector("form[data-next-number-url]");
    if (!form || form.querySelector("[name=number]").value && form.dataset.edit) {
      return;
    }
    const type = form.querySelector("[name=doc_type]");
    const date = form.querySelector("[name=date]");
    const direction = form.querySelector("[name=direction]");
    const sequence = form.querySelector("[name=sequence]");
    const number = form.querySelector("[name=number]");
    let proposed = number.value;
    function year() {
      const match = /(\d{4})\s*$/.exec(date.value || "") || /^(\d{4})-/.exec(date.value || "");
      return match ? match[1] : String(new Date().getFullYear());
    }
    function refresh() {
      if (!type.value || (direction && direction.value !== "issued") || (number.value && number.value !== proposed)) {
        return;
      }
      const url = form.dataset.nextNumberUrl + "?doc_type=" + encodeURIComponent(type.value) + "&year=" + year();
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data) {
            sequence.value = data.sequence;
            number.value = proposed = data.number;
          }
        });
    }
    type.addEventListener("change", refresh);
    date.addEventListener("change", refresh);
  });
})();
