/* Behaviour shared by every page, kept out of the HTML so the content security policy can forbid inline
   scripts: buttons marked data-print print the page. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
})();
