// Progressive enhancements; every feature works without this file.
(function () {
  "use strict";

  // site.js is loaded in <head> without defer so that this runs before the first paint: the
  // CSS then folds the phone menu from the start, rather than once the page is shown (which
  // moved everything below it). The rest waits for the document (init, at the end).
  document.documentElement.classList.add("js");

  // ---- Header menus -------------------------------------------------------------------------
  // Without JavaScript each panel is a <details>. Here each one becomes a button with
  // aria-expanded and aria-controls followed by its panel, hidden until opened. Only one
  // panel of the header is open at a time; Escape closes it and returns focus to its button;
  // a click elsewhere or moving the focus out of the item closes it too.
  function enhanceDisclosures(header) {
    var buttons = [];

    function panelOf(button) {
      return document.getElementById(button.getAttribute("aria-controls"));
    }

    function close(button, returnFocus) {
      button.setAttribute("aria-expanded", "false");
      panelOf(button).hidden = true;
      if (returnFocus) button.focus();
    }

    function open(button) {
      buttons.forEach(function (other) {
        if (other !== button && other.getAttribute("aria-expanded") === "true") close(other, false);
      });
      button.setAttribute("aria-expanded", "true");
      panelOf(button).hidden = false;
    }

    function openButton() {
      for (var i = 0; i < buttons.length; i++) {
        if (buttons[i].getAttribute("aria-expanded") === "true") return buttons[i];
      }
      return null;
    }

    header.querySelectorAll("details[data-disclosure]").forEach(function (details) {
      var summary = details.querySelector("summary");
      var panel = details.querySelector("[data-disclosure-panel]");
      if (!summary || !panel || !panel.id) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = summary.className;
      while (summary.firstChild) button.appendChild(summary.firstChild);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", panel.id);
      panel.hidden = true;
      details.parentNode.insertBefore(button, details);
      details.parentNode.insertBefore(panel, details);
      details.parentNode.removeChild(details);
      buttons.push(button);

      button.addEventListener("click", function () {
        if (button.getAttribute("aria-expanded") === "true") close(button, false);
        else open(button);
      });
      // Tabbing out of an item (its button and its panel) closes its panel.
      button.parentNode.addEventListener("focusout", function (event) {
        var item = button.parentNode;
        if (event.relatedTarget && !item.contains(event.relatedTarget) &&
            button.getAttribute("aria-expanded") === "true") {
          close(button, false);
        }
      });
    });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var button = openButton();
      if (button) {
        close(button, true);
        event.preventDefault();
      }
    });

    document.addEventListener("click", function (event) {
      var button = openButton();
      if (button && !button.parentNode.contains(event.target)) close(button, false);
    });

  }

  // ---- Mobile menu (below 768 px) --------------------------------------------------------------
  function enhanceMobileMenu(header) {
    var toggle = header.querySelector("[data-menu-toggle]");
    var navigation = header.querySelector("[data-site-navigation]");
    if (!toggle || !navigation) return;
    var mobile = window.matchMedia("(max-width: 47.99em)");

    function setOpen(isOpen) {
      toggle.setAttribute("aria-expanded", String(isOpen));
      header.classList.toggle("site-header--open", isOpen);
    }

    toggle.hidden = false;
    setOpen(false);
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      // An open panel closes first (its handler marks the event); a second Escape closes the menu.
      if (event.key === "Escape" && !event.defaultPrevented && mobile.matches &&
          toggle.getAttribute("aria-expanded") === "true" && header.contains(document.activeElement)) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  function init() {
    var header = document.querySelector("[data-site-header]");
    if (!header) return;
    enhanceDisclosures(header);
    enhanceMobileMenu(header);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
