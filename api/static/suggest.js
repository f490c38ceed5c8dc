// Autocomplete for every <input data-suggest="…">, fed by /api/suggest. Text goes in with textContent only.
// An item below the lookup floor ("suggestion": true) is a completion or a look-alike, not a match: it is
// marked, a list of nothing else is headed "did you mean", and Enter never picks one by itself.
//   data-suggest="page"        choosing a name opens its page
//   data-suggest="value"       choosing a name puts its IRI in the field
//   data-suggest="graph"       choosing a name fires "rekg:choose" on the field (the network page listens)
//   data-suggest="graph-field" like "value", for the network page's path fields
"use strict";

(function () {
  function currentLanguage() {
    return (window.rekg && window.rekg.state && window.rekg.state.lang) || "zh";
  }

  function attach(input) {
    const mode = input.dataset.suggest;
    const list = document.createElement("ul");
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    list.id = (input.id || "suggest-" + Math.random().toString(36).slice(2)) + "-list";
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    input.parentNode.insertBefore(list, input.nextSibling);
    let items = [];
    let active = -1;
    let timer = null;
    let controller = null;
    let pending = null;

    function close() {
      list.hidden = true;
      active = -1;
    }

    function render() {
      list.replaceChildren();
      if (items.length && items.every(function (item) { return item.suggestion; })) {
        const head = document.createElement("li");
        head.className = "did-you-mean";
        head.setAttribute("role", "presentation");
        head.textContent = "没有完全匹配 · No match. 您是不是要找 Did you mean:";
        list.appendChild(head);
      }
      items.forEach(function (item, index) {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        li.dataset.iri = item.iri;
        if (item.suggestion) {
          li.className = "guess";
          li.title = "近似 · a similar name, not a match";
        }
        if (index === active) li.setAttribute("aria-selected", "true");
        const main = document.createElement("span");
        main.className = "label";
        main.textContent = item.labels.zh;
        const other = document.createElement("span");
        other.className = "en";
        other.textContent = item.labels.en !== item.labels.zh ? item.labels.en : "";
        const kind = document.createElement("span");
        kind.className = "kind-tag kind-" + item.kind;
        kind.textContent = item.kind;
        li.append(main, other, kind);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(item);
        });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }

    function fetchSuggestions() {
      const q = input.value.trim();
      if (controller) controller.abort();
      if (!q) {
        items = [];
        render();
        return Promise.resolve(items);
      }
      controller = new AbortController();
      const url = "/api/suggest?" + new URLSearchParams({ q: q, limit: "8", lang: currentLanguage() });
      pending = fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) {
          items = found;
          active = -1;
          render();
          return items;
        })
        .catch(function () { return items; });
      return pending;
    }

    function choose(item) {
      close();
      if (mode === "page") {
        window.location.href = item.page || item.iri;
      } else if (mode === "graph") {
        input.value = item.labels[currentLanguage()] || item.labels.zh;
        input.dispatchEvent(new CustomEvent("rekg:choose", { detail: item }));
      } else {
        input.value = item.iri;
        input.dataset.label = item.labels.zh;
      }
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!items.length) return;
        active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        render();
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Enter") {
        if (active >= 0 && items[active]) {
          event.preventDefault();
          choose(items[active]);
        } else if (mode === "graph") {
          // Enter on the network page focuses the best match, whether or not the list was open — a match,
          // not a guess: when nothing matches, the list stays open with what looks like it (did you mean).
          event.preventDefault();
          clearTimeout(timer);
          fetchSuggestions().then(function (found) {
            if (found.length && !found[0].suggestion) choose(found[0]);
          });
        }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
