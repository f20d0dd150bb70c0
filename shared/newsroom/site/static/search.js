// Search on a static site: fold the query as the index is folded (no diacritics,
// "đ" as "d"), read the index block by block, newest first, and list what matches.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  if (!form || !status || !list || !window.fetch) { return; }
  var WANTED = 20;
  // Words are keys: a word such as "constructor" or "__proto__" must never meet a name
  // every object inherits, so maps have no prototype and lookups check own keys only.
  var own = Object.prototype.hasOwnProperty;
  function lookup(map, key) { return own.call(map, key) ? map[key] : undefined; }

  function fold(text) {
    return text.replace(/[đĐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function terms(text) {
    var seen = Object.create(null);
    return (fold(text).match(/[a-z0-9]+/g) || []).filter(function (t) {
      if (seen[t] === true) { return false; }
      seen[t] = true;
      return true;
    });
  }
  function crc32(text) {
    var crc = -1;
    for (var i = 0; i < text.length; i++) {
      crc ^= text.charCodeAt(i);
      for (var k = 0; k < 8; k++) { crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1)); }
    }
    return (crc ^ -1) >>> 0;
  }
  function json(url) {
    return fetch(url).then(function (r) { return r.ok ? r.json() : {}; });
  }
  function show(found) {
    list.textContent = "";
    found.forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = doc[1];
      link.textContent = doc[0];
      var date = document.createElement("span");
      date.className = "meta";
      date.textContent = " " + doc[2];
      item.appendChild(link);
      item.appendChild(date);
      list.appendChild(item);
    });
  }
  function searchBlock(manifest, block, words) {
    var shards = Object.create(null);
    words.forEach(function (w) { shards[crc32(w) % manifest.shards] = true; });
    var loads = Object.keys(shards).map(function (s) { return json("/search/" + block + "/" + s + ".json"); });
    loads.push(json("/search/" + block + "/docs.json"));
    return Promise.all(loads).then(function (parts) {
      var docs = parts.pop();
      var index = Object.create(null);
      parts.forEach(function (part) {
        Object.keys(part).forEach(function (term) { index[term] = part[term]; });
      });
      var hits = null;
      words.forEach(function (w) {
        var seqs = lookup(index, w);
        if (!Array.isArray(seqs)) { seqs = []; }
        hits = hits === null ? seqs : hits.filter(function (s) { return seqs.indexOf(s) >= 0; });
      });
      return (hits || []).slice().reverse().map(function (s) { return lookup(docs, String(s)); }).filter(Boolean);
    });
  }
  function run(query) {
    var words = terms(query);
    if (!words.length) { status.textContent = "Nhập từ khóa để tìm bài viết."; return; }
    status.textContent = "Đang tìm…";
    json("/search/index.json").then(function (manifest) {
      var found = [];
      function next(block) {
        if (block < 1 || found.length >= WANTED) {
          show(found.slice(0, WANTED));
          status.textContent = found.length ? "Tìm thấy " + Math.min(found.length, WANTED) + " bài viết cho “" + query + "”." : "Không tìm thấy bài viết nào cho “" + query + "”.";
          return null;
        }
        return searchBlock(manifest, block, words).then(function (hits) {
          found = found.concat(hits);
          return next(block - 1);
        });
      }
      return next(manifest.blocks || 0);
    }).catch(function () { status.textContent = "Không tải được chỉ mục tìm kiếm."; });
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  form.querySelector("input[name=q]").value = query;
  status.textContent = "Nhập từ khóa để tìm bài viết.";
  if (query) { run(query); }
})();
