// Actor fields: suggest names and aliases (any language) from the newsroom's own JSON endpoint.
(function () {
  "use strict";
  var SEPARATORS = { single: null, list: ";", lines: "\n" };

  function segment(input) {
    // The part of the value being typed: all of it, after the last ";", or the last line's name.
    var value = input.value, mode = input.dataset.actors, sep = SEPARATORS[mode];
    var start = sep ? value.lastIndexOf(sep) + 1 : 0;
    var text = value.slice(start);
    if (mode === "lines" && text.indexOf("|") >= 0) { return null; }
    return { start: start, text: text.trim() };
  }

  function attach(input, url) {
    var list = document.createElement("ul"), timer = null, active = -1;
    list.className = "actor-suggestions";
    list.hidden = true;
    list.setAttribute("role", "listbox");
    var wrapper = document.createElement("span");
    wrapper.className = "actor-field";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    wrapper.appendChild(list);

    function choose(item) {
      var part = segment(input);
      if (!part) { return; }
      var before = input.value.slice(0, part.start);
      var pad = before && input.dataset.actors === "list" ? " " : "";
      input.value = before + pad + item.match;
      list.hidden = true;
      input.focus();
    }

    function show(items) {
      list.innerHTML = "";
      active = -1;
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.textContent = item.match === item.name ? item.name + " (" + item.kind + ")"
          : item.match + " → " + item.name + " (" + item.kind + ")";
        li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(item); });
        li.item = item;
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var part = segment(input);
      if (!part || part.text.length < 2) { list.hidden = true; return; }
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(part.text), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { items: [] }; })
          .then(function (body) { show(body.items || []); })
          .catch(function () { list.hidden = true; });
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      var items = list.querySelectorAll("li");
      if (list.hidden || !items.length) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items.forEach(function (li, i) { li.classList.toggle("active", i === active); });
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(items[active].item);
      } else if (event.key === "Escape") {
        list.hidden = true;
      }
    });
    input.addEventListener("blur", function () { list.hidden = true; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-suggest-url]").forEach(function (form) {
      form.querySelectorAll("[data-actors]").forEach(function (input) {
        attach(input, form.dataset.suggestUrl);
      });
    });
  });
})();
