// Conditional reveal (GOV.UK pattern): a question that applies only after some answer on
// this step is shown only when that answer picks it. The choices that reveal it carry
// aria-controls (not aria-expanded: ARIA does not allow it on a radio or a checkbox, and
// GOV.UK Frontend dropped it for that reason); a hidden block's inputs are disabled, so what
// was typed there is not sent (the server drops such answers too). Without JavaScript every block
// stays shown with its sentence saying when to answer it.
(function () {
  "use strict";
  var blocks = document.querySelectorAll("[data-reveal-for]");
  if (!blocks.length) return;
  function chosen(name) {
    var values = [];
    var inputs = document.getElementsByName(name);
    Array.prototype.forEach.call(inputs, function (input) {
      if (input.disabled) return;
      if (input.tagName === "SELECT") {
        if (input.value) values.push(input.value);
      } else if (input.checked) {
        values.push(input.value);
      }
    });
    return values;
  }
  function update() {
    // Page order: a controller's block is settled before the blocks that depend on it.
    Array.prototype.forEach.call(blocks, function (block) {
      var picks = [];
      try { picks = JSON.parse(block.getAttribute("data-reveal-values")) || []; } catch (e) { picks = []; }
      var shown = chosen(block.getAttribute("data-reveal-for")).some(function (v) {
        return picks.indexOf(v) !== -1;
      });
      block.hidden = !shown;
      var fields = block.querySelectorAll("input, select, textarea, button");
      Array.prototype.forEach.call(fields, function (el) { el.disabled = !shown; });
    });
  }
  document.addEventListener("change", update);
  update();
})();
