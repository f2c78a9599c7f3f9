// Progressive enhancement for postal codes: as soon as seven digits are typed, the address
// is filled from /api/v1/postal-codes. Without JavaScript the "look up address" button does
// the same on the server, so nothing depends on this file.
(function () {
  "use strict";
  var buttons = document.querySelectorAll('button[name="_action"][data-address]');
  Array.prototype.forEach.call(buttons, function (button) {
    var postalName = button.value.replace(/^lookup:/, "");
    var target = button.getAttribute("data-address");
    var input = document.querySelector('input[name="' + postalName + '"]');
    if (!input) return;
    var status = document.getElementById(input.id + "-status");
    function set(name, value) {
      var field = document.querySelector('input[name="' + target + "." + name + '"]');
      // Fill only what is empty or was filled here before: never overwrite typing.
      if (field && (!field.value || field.getAttribute("data-autofilled") === "true")) {
        field.value = value;
        field.setAttribute("data-autofilled", "true");
      }
    }
    function toAscii(text) {
      return text.replace(/[\uFF10-\uFF19]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
      });
    }
    input.addEventListener("input", function () {
      var digits = toAscii(input.value).replace(/\D/g, "");
      if (digits.length !== 7) return;
      fetch("/api/v1/postal-codes/" + digits, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data || !data.addresses || !data.addresses.length) {
            if (status) status.textContent = button.getAttribute("data-none");
            return;
          }
          var first = data.addresses[0];
          set("prefecture", first.prefecture);
          set("city", first.city);
          var oneTown = data.addresses.every(function (a) { return a.town === first.town; });
          if (oneTown) set("town", first.town);
          if (status) status.textContent = button.getAttribute("data-filled");
          // Focus moves to what changed: the last address field filled.
          var filled = document.querySelector('input[name="' + target + (oneTown ? ".town" : ".city") + '"]');
          if (filled) filled.focus();
        })
        .catch(function () { /* the button still works */ });
    });
  });
})();
