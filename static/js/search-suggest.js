// Suggestions as you type in the search boxes (the header's and /recherche/'s).
// Progressive enhancement: without this file each box is a plain search form. Here an input
// carrying data-suggest-url becomes a WAI-ARIA 1.2 combobox with a listbox popup: the list
// follows what is typed (titles of pages first, then words, from /recherche/suggestions/);
// Down and Up arrows move through the options (aria-activedescendant, the focus stays in the
// box); Enter follows the option (a page opens, a word is searched), or submits what is typed;
// Escape closes the list, or empties the box when the list is closed; a click works as Enter.
(function () {
  "use strict";

  var DELAY = 150;
  var MIN_LENGTH = 2;

  function enhance(input, number) {
    var url = input.getAttribute("data-suggest-url");
    var form = input.form;
    if (!url || !form) return;

    var listbox = document.createElement("ul");
    listbox.id = input.id + "-suggestions";
    listbox.className = "search-suggest";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Suggestions");
    listbox.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var wrapper = input.parentNode;
    wrapper.classList.add("search-suggest__anchor");
    wrapper.appendChild(listbox);
    wrapper.appendChild(status);

    // HTML allows the combobox role on a text input, not on a search one; the form keeps
    // its search landmark.
    input.type = "text";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    input.setAttribute("autocomplete", "off");

    var options = [];
    var active = -1;
    var timer = null;
    var lastAsked = null;
    var controller = null;

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!options.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function setActive(index) {
      options.forEach(function (option, i) {
        option.element.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", options[index].element.id);
        options[index].element.scrollIntoView({ block: "nearest" });
      }
    }

    function choose(option) {
      close();
      if (option.url) {
        window.location.assign(option.url);
      } else {
        input.value = option.label;
        form.submit();
      }
    }

    function render(suggestions) {
      listbox.textContent = "";
      options = suggestions.map(function (suggestion, i) {
        var element = document.createElement("li");
        element.id = listbox.id + "-" + i;
        element.setAttribute("role", "option");
        element.setAttribute("aria-selected", "false");
        element.className = "search-suggest__option" + (suggestion.url ? " search-suggest__option--page" : "");
        element.textContent = suggestion.label;
        if (suggestion.url) {
          var kind = document.createElement("span");
          kind.className = "visually-hidden";
          kind.textContent = " (page)";
          element.appendChild(kind);
        }
        // mousedown, not click: the box keeps its focus.
        element.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(suggestion);
        });
        listbox.appendChild(element);
        return { element: element, label: suggestion.label, url: suggestion.url || "" };
      });
      active = -1;
      if (options.length) {
        open();
        status.textContent = options.length + (options.length > 1 ? " suggestions" : " suggestion") +
          " : flèches haut et bas pour les parcourir.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function ask() {
      var query = input.value;
      if (query.trim().length < MIN_LENGTH) {
        render([]);
        lastAsked = null;
        return;
      }
      if (query === lastAsked) {
        open();
        return;
      }
      lastAsked = query;
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (input.value === query && document.activeElement === input) render(data.suggestions || []);
        })
        .catch(function () { /* an aborted or failed request leaves the plain box */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = input.getAttribute("aria-expanded") === "true";
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!expanded) { open(); if (!options.length) ask(); return; }
          setActive(active + 1 >= options.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!expanded) { open(); return; }
          setActive(active <= 0 ? options.length - 1 : active - 1);
          break;
        case "Enter":
          if (expanded && active >= 0) {
            event.preventDefault();
            choose(options[active]);
          } else {
            close();
          }
          break;
        case "Escape":
          if (expanded) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            lastAsked = null;
            options = [];
          }
          break;
        case "Tab":
          close();
          break;
        default:
      }
    });

    input.addEventListener("blur", close);
  }

  function init() {
    document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
