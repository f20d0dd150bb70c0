// Progressive enhancement for article pages: a print button and copying the page's link.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("a[data-copy]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(link.href).then(function () {
        link.textContent = "Đã sao chép liên kết";
      });
    });
  });
})();
