// Irreversible actions ask first (vsi_portal/confirmation.py). Each such button is a link to
// its confirmation page; where the browser has <dialog>, the link opens the dialog rendered
// beside it instead, with the same question and the same POST form.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-confirm-dialog]");
    if (link) {
      var dialog = document.getElementById(link.getAttribute("data-confirm-dialog"));
      if (dialog && typeof dialog.showModal === "function") {
        event.preventDefault();
        dialog.showModal();
      }
      return;
    }
    var close = event.target.closest("[data-dialog-close]");
    if (close) {
      close.closest("dialog").close();
    }
  });
})();
