/* Behaviour shared by every page, kept out of the HTML so the content security policy can forbid inline
   scripts: buttons marked data-print print the page; a select marked data-autosubmit sends its form when a
   choice is made (the form keeps a visible button for keyboards and browsers without scripts); a form marked data-busy, once sent, shows its
   [data-busy-indicator] progress bar and disables its buttons, so a long upload or check is visibly at
   work and cannot be sent twice. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
  document.addEventListener("change", function (event) {
    const select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) {
      select.form.requestSubmit();
    }
  });
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (event.defaultPrevented || !form.matches("form[data-busy]")) {
      return;
    }
    form.querySelectorAll("[data-busy-indicator]").forEach(function (indicator) {
      indicator.hidden = false;
    });
    // After the browser has read the form: a disabled button would leave the submission without its value.
    window.setTimeout(function () {
      form.querySelectorAll("button").forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });
  // A page the browser brings back from its cache (the Back button) is usable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.querySelectorAll("[data-busy-indicator]").forEach(function (indicator) {
        indicator.hidden = true;
      });
      form.querySelectorAll("button").forEach(function (button) {
        button.disabled = false;
      });
    });
  });
  // A background job's page (templates/jobs/job_detail.html): ask for its progress every second until it ends,
  // then reload to show the download (or the reason it failed). Without JavaScript the page reloads itself.
  document.querySelectorAll("[data-job-status]").forEach(function (panel) {
    const bar = panel.querySelector("progress");
    const label = panel.querySelector("#job-percent");
    const poll = function () {
      fetch(panel.dataset.jobStatus, {credentials: "same-origin", headers: {Accept: "application/json"}})
        .then(function (response) { return response.json(); })
        .then(function (job) {
          if (job.status === "done" || job.status === "failed" || job.stalled) {
            window.location.reload();
            return;
          }
          bar.value = job.percent;
          label.textContent = job.percent + "%";
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 500);
  });
  // Commune chooser boxes (communes.chooser): suggestions from the server as the user types, in the <datalist>.
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    const list = document.getElementById(input.getAttribute("list"));
    if (!list || !list.dataset.suggestUrl) {
      return;
    }
    let timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        const url = list.dataset.suggestUrl + "&q=" + encodeURIComponent(input.value);
        fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
          .then(function (response) { return response.json(); })
          .then(function (data) {
            list.replaceChildren.apply(list, data.results.map(function (item) {
              const option = document.createElement("option");
              option.value = item.label;
              return option;
            }));
          })
          .catch(function () {});
      }, 200);
    });
  });
})();
