// Havre's only script. Pages work without it; it adds the quick exit's history replacement.
(function () {
  "use strict";

  // Quick exit: leave for a neutral site and replace this page in the history, so that the
  // back button does not bring it back. Escape pressed twice does the same.
  function quickExit(event) {
    var link = document.getElementById("quick-exit");
    if (!link) return;
    if (event) event.preventDefault();
    document.body.style.display = "none";
    window.location.replace(link.getAttribute("data-exit"));
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.id === "quick-exit") quickExit(event);
  });
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !document.getElementById("quick-exit")) return;
    var now = Date.now();
    if (now - lastEscape < 800) quickExit(event);
    lastEscape = now;
  });
})();
