// After "add another", "remove" or "find address" the server sends the page back at the
// fragment of what changed (the new item, the list, the address). This moves focus there —
// the new item's first input, the list's heading, the filled address field — and says what
// happened in the page's polite live region (GOV.UK "add another" pattern).
(function () {
  "use strict";
  var id = decodeURIComponent(window.location.hash.replace(/^#/, ""));
  // A page with problems sends the reader to its error summary instead.
  if (!id || document.querySelector(".error-summary")) return;
  var target = document.getElementById(id);
  if (!target) return;
  var focus = target;
  var message = target.getAttribute("data-announce") || "";
  if (target.getAttribute("data-focus") === "first-input") {
    var first = target.parentNode.querySelector("input:not([type=hidden]), select, textarea");
    if (first) focus = first;
  } else if (target.tagName === "INPUT") {
    var lookup = document.querySelector("button[data-address][data-filled]");
    if (lookup) message = lookup.getAttribute("data-filled");
  }
  focus.focus();
  var region = document.getElementById("announce");
  if (region && message) {
    // Set after a moment, so that screen readers notice the change of the region.
    window.setTimeout(function () { region.textContent = message; }, 100);
  }
})();
