// Search on a static site (the index is described in newsroom/site/search.py).
// What readers type is folded as the index is (no diacritics, "đ" as "d", lower case);
// each block's term files for the query's words are read, what matches is ranked (the
// query as a phrase before all its words before some of them; title before summary
// before body; newer first), and the best results are shown with their summary, the
// words found marked. Words in quotes must appear as a phrase. Results are built from
// text nodes: nothing read from the index is parsed as HTML. The same file runs under
// Node for tests (it exports its search, without the page's part).
(function () {
  "use strict";
  var TITLE = 4, SUMMARY = 2, BODY = 1;
  var SHOWN = 20;
  var PARALLEL = 6;
  var SNIPPET = 220;
  // Words are keys: a word such as "constructor" or "__proto__" must never meet a name
  // every object inherits, so maps have no prototype and lookups check own keys only.
  var own = Object.prototype.hasOwnProperty;
  function lookup(map, key) { return own.call(map, key) ? map[key] : undefined; }
  function table() { return Object.create(null); }

  function fold(text) {
    return text.replace(/[đĐðÐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // The folded text, and for each of its characters the index it came from in `text`.
  function foldedWithOrigins(text) {
    var folded = "", from = [];
    for (var i = 0; i < text.length; i++) {
      var piece = fold(text.charAt(i));
      for (var k = 0; k < piece.length; k++) { folded += piece.charAt(k); from.push(i); }
    }
    return { text: folded, from: from };
  }
  function wordsOf(text) { return fold(text).match(/[a-z0-9]+/g) || []; }
  function distinct(list) {
    var seen = table();
    return list.filter(function (item) {
      if (seen[item] === true) { return false; }
      seen[item] = true;
      return true;
    });
  }

  // The query: its words in order, the distinct ones, and the phrases it quotes.
  function parse(query) {
    var phrases = [];
    var sequence = [];
    var quoted = /"([^"]*)"?|“([^”]*)”?/g;
    var at = 0, match;
    while ((match = quoted.exec(query)) !== null) {
      sequence = sequence.concat(wordsOf(query.slice(at, match.index)));
      var words = wordsOf(match[1] || match[2] || "");
      if (words.length) { phrases.push(words); }
      sequence = sequence.concat(words);
      at = quoted.lastIndex;
    }
    sequence = sequence.concat(wordsOf(query.slice(at)));
    return { sequence: sequence, words: distinct(sequence), phrases: phrases };
  }

  function crc32(text) {
    var crc = -1;
    for (var i = 0; i < text.length; i++) {
      crc ^= text.charCodeAt(i);
      for (var k = 0; k < 8; k++) { crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1)); }
    }
    return (crc ^ -1) >>> 0;
  }

  // Run `tasks` (functions returning promises), at most PARALLEL at once.
  function inTurn(tasks) {
    var results = new Array(tasks.length), next = 0;
    function worker() {
      if (next >= tasks.length) { return Promise.resolve(); }
      var index = next++;
      return tasks[index]().then(function (value) { results[index] = value; return worker(); });
    }
    var workers = [];
    for (var w = 0; w < Math.min(PARALLEL, tasks.length); w++) { workers.push(worker()); }
    return Promise.all(workers).then(function () { return results; });
  }

  // Where each word is in each article of one block: found[seq][word] = {bits, title
  // places, summary places}, decoded from the term files (both forms, see search.py).
  function readBlock(manifest, block, words, readJson, found) {
    var shards = table();
    words.forEach(function (word) {
      var shard = crc32(word) % manifest.shards;
      (shards[shard] = shards[shard] || []).push(word);
    });
    var start = (block - 1) * manifest.size;
    return Promise.all(Object.keys(shards).map(function (shard) {
      return readJson("/search/" + block + "/" + shard + ".json").then(function (part) {
        shards[shard].forEach(function (word) {
          var places = lookup(part || {}, word);
          var masks, m = 0;
          function add(seq, bits) {
            var article = found[seq] || (found[seq] = table());
            article[word] = {
              bits: bits,
              title: bits & TITLE ? masks[m++] : 0,
              summary: bits & SUMMARY ? masks[m++] : 0
            };
          }
          if (typeof places === "string") {
            var halves = places.split("|");
            masks = halves[1] ? halves[1].split(",").map(Number) : [];
            for (var i = 0; i < halves[0].length; i++) {
              var bits = parseInt(halves[0].charAt(i), 16);
              if (bits) { add(start + 1 + i, bits); }
            }
            return;
          }
          if (!Array.isArray(places)) { return; }
          masks = places;
          var seq = start;
          while (m < places.length) {
            var value = places[m++];
            seq += Math.floor(value / 8);
            add(seq, value & 7);
          }
        });
      });
    }));
  }
  function best(bits) {
    return bits & TITLE ? 3 : bits & SUMMARY ? 2 : bits & BODY ? 1 : 0;
  }
  // Where `words` stand one after another: TITLE, SUMMARY (from the places of their
  // words), or BODY when all are in the body (whose places are not kept).
  function phraseBits(words, terms) {
    var title = -1, summary = -1, body = BODY;
    words.forEach(function (word, k) {
      var here = lookup(terms, word) || { bits: 0, title: 0, summary: 0 };
      title &= here.title >>> k;
      summary &= here.summary >>> k;
      body &= here.bits;
    });
    return (title ? TITLE : 0) | (summary ? SUMMARY : 0) | body;
  }
  // How far apart the words are in the title (or the summary), when all are there.
  function spread(words, terms, field) {
    var first = 99, last = -1;
    for (var k = 0; k < words.length; k++) {
      var here = lookup(terms, words[k]);
      var mask = here ? (field === TITLE ? here.title : here.summary) : 0;
      if (!mask) { return 99; }
      var place = 31 - Math.clz32(mask & -mask);
      first = Math.min(first, place);
      last = Math.max(last, place);
    }
    return last - first;
  }
  // How well one article matches: [kind, words found, where, closeness, place], larger
  // is better; closeness ranks all the words of a title (or summary) near each other
  // before the same words far apart.
  function score(parsed, seq, terms) {
    for (var p = 0; p < parsed.phrases.length; p++) {
      if (!phraseBits(parsed.phrases[p], terms)) { return null; }
    }
    var found = 0, any = 0, all = TITLE | SUMMARY | BODY;
    parsed.words.forEach(function (word) {
      var here = lookup(terms, word);
      var bits = here ? here.bits : 0;
      if (bits) { found++; }
      any |= bits;
      all &= bits;
    });
    if (!found) { return null; }
    var phrase = parsed.sequence.length > 1 ? phraseBits(parsed.sequence, terms) & ~BODY : 0;
    if (phrase) { return [3, found, best(phrase), 0, seq]; }
    if (found === parsed.words.length) {
      var field = all & TITLE ? TITLE : all & SUMMARY ? SUMMARY : 0;
      return [2, found, best(all), field ? -spread(parsed.words, terms, field) : 0, seq];
    }
    return [1, found, best(any), 0, seq];
  }
  function better(a, b) {
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return b[i] - a[i]; } }
    return 0;
  }

  // Every article that matches the query, best first: {query, ranked: [{seq, score}],
  // full: how many have all its words}. `readJson(path)` reads a file of the site.
  function search(query, readJson) {
    var parsed = parse(query);
    if (!parsed.words.length) { return Promise.resolve({ query: parsed, ranked: [], full: 0 }); }
    return readJson("/search/index.json").then(function (manifest) {
      var found = table();
      var tasks = [];
      for (var block = manifest.blocks || 0; block >= 1; block--) {
        tasks.push(readBlock.bind(null, manifest, block, parsed.words, readJson, found));
      }
      return inTurn(tasks).then(function () {
        var ranked = [];
        Object.keys(found).forEach(function (seq) {
          var value = score(parsed, Number(seq), found[seq]);
          if (value) { ranked.push({ seq: Number(seq), score: value }); }
        });
        ranked.sort(function (a, b) { return better(a.score, b.score); });
        var full = ranked.filter(function (r) { return r.score[0] >= 2; }).length;
        return { query: parsed, manifest: manifest, ranked: ranked, full: full };
      });
    });
  }
  // The documents of `results` (title, address, date, summary), in their order.
  function documents(manifest, results, readJson) {
    var files = table();
    results.forEach(function (r) {
      var block = Math.floor((r.seq - 1) / manifest.size) + 1;
      var file = "/search/" + block + "/docs-" + (Math.floor((r.seq - 1) / manifest.docs) + 1) + ".json";
      files[file] = true;
    });
    var names = Object.keys(files);
    return inTurn(names.map(function (name) { return function () { return readJson(name); }; }))
      .then(function (parts) {
        var docs = table();
        parts.forEach(function (part) {
          Object.keys(part || {}).forEach(function (seq) { docs[seq] = part[seq]; });
        });
        return results.map(function (r) { return lookup(docs, String(r.seq)); }).filter(Boolean);
      });
  }
  // Where the query's words are in `text`: [[start, end], …], neighbours joined.
  function marks(text, words) {
    var wanted = table();
    words.forEach(function (w) { wanted[w] = true; });
    var folded = foldedWithOrigins(text);
    var spans = [];
    var pattern = /[a-z0-9]+/g, match;
    while ((match = pattern.exec(folded.text)) !== null) {
      if (wanted[match[0]] !== true) { continue; }
      var start = folded.from[match.index];
      var end = folded.from[match.index + match[0].length - 1] + 1;
      var last = spans[spans.length - 1];
      if (last && /^\s*$/.test(text.slice(last[1], start))) { last[1] = end; } else { spans.push([start, end]); }
    }
    return spans;
  }
  // About SNIPPET characters of `text` around its first marked word.
  function excerpt(text, words) {
    if (text.length <= SNIPPET) { return text; }
    var spans = marks(text, words);
    var from = spans.length ? Math.max(0, spans[0][0] - 60) : 0;
    if (from > 0) { from = text.indexOf(" ", from) + 1 || from; }
    var to = Math.min(text.length, from + SNIPPET);
    if (to < text.length) { to = text.lastIndexOf(" ", to) > from ? text.lastIndexOf(" ", to) : to; }
    return (from > 0 ? "…" : "") + text.slice(from, to) + (to < text.length ? "…" : "");
  }

  var api = { fold: fold, parse: parse, search: search, documents: documents, marks: marks, excerpt: excerpt };
  if (typeof module === "object" && module.exports) { module.exports = api; }
  if (typeof document === "undefined") { return; }

  var form = document.querySelector("form.search");
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  if (!form || !status || !list || !more || !window.fetch) { return; }

  function readJson(path) {
    return fetch(path).then(function (r) { return r.ok ? r.json() : {}; });
  }
  // `text` as text nodes, the query's words inside <mark>.
  function marked(parent, text, words) {
    var at = 0;
    marks(text, words).forEach(function (span) {
      parent.appendChild(document.createTextNode(text.slice(at, span[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(span[0], span[1]);
      parent.appendChild(mark);
      at = span[1];
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }
  function showResult(doc, words) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = doc[1];
    marked(link, doc[0], words);
    heading.appendChild(link);
    item.appendChild(heading);
    var date = document.createElement("p");
    date.className = "meta";
    date.textContent = doc[2];
    item.appendChild(date);
    if (doc[3]) {
      var snippet = document.createElement("p");
      snippet.className = "snippet";
      marked(snippet, excerpt(doc[3], words), words);
      item.appendChild(snippet);
    }
    list.appendChild(item);
  }
  function number(n) { return n.toLocaleString("vi-VN"); }
  function run(query) {
    var shown = 0;
    var found = null;
    function showMore() {
      var next = found.ranked.slice(shown, shown + SHOWN);
      shown += next.length;
      more.hidden = true;
      return documents(found.manifest, next, readJson).then(function (docs) {
        docs.forEach(function (doc) { showResult(doc, found.query.words); });
        more.hidden = shown >= found.ranked.length;
      });
    }
    status.textContent = "Đang tìm…";
    list.textContent = "";
    return search(query, readJson).then(function (result) {
      found = result;
      showNext = showMore;
      if (!result.query.words.length) { status.textContent = "Nhập từ khóa để tìm bài viết."; return null; }
      var total = result.ranked.length;
      if (!total) { status.textContent = "Không tìm thấy bài viết nào cho “" + query + "”."; return null; }
      var text = "Tìm thấy " + number(total) + " bài viết cho “" + query + "”";
      if (result.full && result.full < total) {
        text += ": " + number(result.full) + " bài có đủ các từ, " + number(total - result.full) + " bài có một phần";
      }
      // The count is said once the first results are on the page.
      return showMore().then(function () { status.textContent = text + "."; });
    }).catch(function () { status.textContent = "Không tải được chỉ mục tìm kiếm."; });
  }
  var showNext = null;
  more.addEventListener("click", function () { if (showNext) { showNext(); } });
  var query = new URLSearchParams(window.location.search).get("q") || "";
  form.querySelector("input[name=q]").value = query;
  status.textContent = "Nhập từ khóa để tìm bài viết.";
  if (query) { run(query); }
})();
