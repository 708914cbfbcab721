/* The work calendar (FullCalendar 7, vendored): month view and agenda list, in the page's language.
   Everything it needs is in data-* attributes of #calendar and in the filter form, so the page has no inline
   script (content security policy). Events come from the events URL with the form's filters; each event is a
   link to its page. The plain agenda page is the printable, script-free list of the same events. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    const element = document.getElementById("calendar");
    if (!element || !window.FullCalendar) {
      return;
    }
    const form = document.getElementById("calendar-filter");
    function filters() {
      const values = {};
      if (form) {
        new FormData(form).forEach(function (value, key) {
          if (value) {
            values[key] = value;
          }
        });
      }
      return values;
    }
    const calendar = new FullCalendar.Calendar(element, {
      locale: element.dataset.locale || "vi",
      initialView: "dayGridMonth",
      initialDate: element.dataset.initialDate || undefined,
      headerToolbar: { start: "prev,next today", center: "title", end: "dayGridMonth,listMonth" },
      firstDay: 1,
      height: "auto",
      navLinks: false,
      eventTimeFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
      events: { url: element.dataset.eventsUrl, extraParams: filters },
      eventDidMount: function (info) {
        const place = info.event.extendedProps.place;
        if (place) {
          info.el.setAttribute("title", info.event.title + " — " + place);
        }
      },
      datesSet: function (info) {
        const link = document.getElementById("agenda-link");
        if (link) {
          const params = new URLSearchParams(filters());
          params.set("start", info.startStr.slice(0, 10).split("-").reverse().join("/"));
          params.set("end", info.endStr.slice(0, 10).split("-").reverse().join("/"));
          link.href = link.dataset.base + "?" + params.toString();
        }
      },
    });
    calendar.render();
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        calendar.refetchEvents();
        const url = new URL(window.location.href);
        url.search = new URLSearchParams(filters()).toString();
        window.history.replaceState(null, "", url);
      });
    }
  });
})();
