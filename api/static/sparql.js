// The query page: runs the editor's query against /sparql and shows the answer as a table (or a graph as
// text). Every value is put in the page with textContent.
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("sparql-data").textContent);
  const form = document.getElementById("sparql-form");
  const editor = document.getElementById("query");
  const results = document.getElementById("results");
  const status = document.getElementById("status");
  const errorBox = document.getElementById("error");
  const notice = document.getElementById("notice");
  const entityBase = config.base + "id/";

  function show(box, text) {
    box.textContent = text || "";
    box.hidden = !text;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      if (term.value.startsWith(entityBase)) {
        const a = document.createElement("a");
        a.href = "/id/" + term.value.slice(entityBase.length);
        a.textContent = term.value;
        td.appendChild(a);
      } else {
        td.textContent = term.value;
      }
      td.className = "iri";
    } else {
      td.textContent = term.value;
      const tag = term["xml:lang"];
      if (tag) {
        const small = document.createElement("small");
        small.className = "lang";
        small.textContent = "@" + tag;
        td.appendChild(small);
      }
    }
    return td;
  }

  function table(data) {
    const vars = data.head.vars || [];
    const element = document.createElement("table");
    element.className = "result-table";
    const head = element.createTHead().insertRow();
    vars.forEach(function (name) {
      const th = document.createElement("th");
      th.textContent = "?" + name;
      head.appendChild(th);
    });
    const body = element.createTBody();
    data.results.bindings.forEach(function (binding) {
      const row = body.insertRow();
      vars.forEach(function (name) { row.appendChild(cell(binding[name])); });
    });
    return element;
  }

  async function run() {
    show(errorBox, "");
    show(notice, "");
    status.textContent = "运行中 Running…";
    results.replaceChildren();
    const started = performance.now();
    let response;
    try {
      response = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: editor.value }),
      });
    } catch (e) {
      status.textContent = "";
      show(errorBox, "无法连接服务器 The server did not answer.");
      return;
    }
    const type = response.headers.get("content-type") || "";
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      let message = "HTTP " + response.status;
      if (type.includes("json")) {
        const body = await response.json();
        message = (body.error && body.error.message) || message;
      }
      status.textContent = "";
      show(errorBox, message);
      return;
    }
    if (response.headers.get("Rekg-Truncated") === "true") {
      show(notice, "结果已截断 The answer was cut at the endpoint's limit of " +
        response.headers.get("Rekg-Result-Limit") + " results.");
    }
    if (type.includes("sparql-results+json")) {
      const data = await response.json();
      if (typeof data.boolean === "boolean") {
        const p = document.createElement("p");
        p.className = "ask";
        p.textContent = data.boolean ? "是 true" : "否 false";
        results.appendChild(p);
        status.textContent = "ASK · " + seconds + " s";
        return;
      }
      results.appendChild(table(data));
      const count = data.results.bindings.length;
      status.textContent = count + " 行 rows · " + seconds + " s";
    } else {
      const pre = document.createElement("pre");
      pre.className = "graph-text";
      pre.textContent = await response.text();
      results.appendChild(pre);
      status.textContent = (response.headers.get("Rekg-Result-Count") || "?") + " 三元组 triples · " + seconds + " s";
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      const example = config.examples.find(function (e) { return e.id === button.dataset.example; });
      if (!example) return;
      editor.value = example.query;
      document.querySelectorAll("button.example").forEach(function (b) { b.removeAttribute("aria-current"); });
      button.setAttribute("aria-current", "true");
      run();
    });
  });
  document.getElementById("download").addEventListener("click", function () {
    const format = document.getElementById("download-format").value;
    window.location.href = "/sparql?" + new URLSearchParams({ query: editor.value, format: format });
  });
  if (config.autorun) run();
})();
