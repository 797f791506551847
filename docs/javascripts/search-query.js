/* A question typed as a question: the query is cut into the search index's own words before Material
 * for MkDocs searches it, and function words (我, 的, 吗 …) are left out.
 *
 * Why. For Chinese, Material 9.8.2's search worker (integrations/search/_: Search.search, and
 * integrations/search/query/segment) cuts each run of Chinese characters greedily against the index, but
 * its loop never tries a word that ends with the run's last character (下载 is searched as 下*, 停息挂账 as
 * 停息* 挂*), stops at the first character that starts no word of the index (the rest of the question is
 * dropped), and puts a prefix wildcard on every piece: a single 我 or 吗 becomes 我*, 吗*, which matches
 * every word starting with it, and section titles weigh 1000 times the text, so pages ranked on them.
 *
 * What this does. When Material sends the index to its worker (message {type: 0 SETUP, data: index}),
 * the words of the index are counted here (the index text is already cut by jieba at build time, words
 * separated by config.separator). When it sends a query ({type: 2 QUERY, data: text}), the text is
 * rewritten before it reaches the worker:
 *   1. split on the index's separator, then into runs of Chinese characters, of digits and of letters;
 *   2. each run of Chinese is cut into the index's words, the most probable cut (unigram counts of the
 *      index, a character the index lacks as a word costs more than any word it has);
 *   3. function words (data/search_function_words.txt, given to this script by overrides/main.html as
 *      data-function-words) and words the index does not have are dropped, repeated words kept once;
 *   4. each word is written so that Material's own segmenter leaves it whole (U+3400, a character no
 *      index word contains, after a Chinese word: the loop then reaches the word's last character) and
 *      lunr reads it as meant: a word of two or more characters as itself and, at a lower weight, as the
 *      start of longer words (失信 also finds 失信被执行人); a single character or a number as itself only
 *      (办 is not 办理, 12 is not 12378), except a number or Latin word at the end (it may be half typed);
 *      a query of one word as the start of words, as Material does; a single character weighs half as much
 *      as a longer word (`^1`, `^2`: a boost also keeps Material from adding its own wildcard);
 *   5. the index's shorter words inside a word of three or more characters are added at the lower weight;
 *   6. a reader's word the index lacks brings the index's words listed for it in data/search_synonyms.yaml
 *      (村委会 → 村里, 通知全村; given to this script as data-synonyms);
 *   7. a query whose words the index has only as single characters (居委会 → 居, 委, 会) is not searched:
 *      the result list then says so and points to the message reader, instead of pages that contain 会.
 * Pasted and dictated text is searched too: Material reads the query on keyup, so an `input` or
 * `compositionend` event on the search box (with no key) is passed on as a keyup.
 * A query of function words only becomes empty: Material then shows 没有找到符合条件的结果 instead of pages
 * ranked on 我们 or 吗. A query using lunr's own syntax (+word, -word, ~, ^, *) is passed on as typed.
 * The search box keeps what the reader typed; only the message to the worker changes.
 *
 * Loaded in <head> after Material's polyfills (overrides/main.html, block libs), before the bundle makes
 * its worker: offline (file://) the worker is the iframe-worker shim, whose postMessage is patched the same.
 *
 * Checked against Material for MkDocs 9.8.2. On an upgrade, re-read the worker's Search.search, segment()
 * and transform() (the source map next to assets/javascripts/workers/search.*.min.js holds them), then run
 * tests/browser/test_browser_search.py and tests/browser/test_browser_reader_questions.py.
 */
(function () {
  "use strict";
  var SETUP = 0;
  var QUERY = 2;
  var WORD_END = "\u3400";
  var HAN = /\p{Script=Han}/u;
  var PIECES = /(\p{Script=Han}+)|([0-9]+)|([a-z]+)/gu;
  var LUNR_SYNTAX = /(^|\s)[+-]\S|[~^*]/;
  var TAGS = /<[^>]*>/g;
  var LONGEST_WORD = 16;
  var LEARN_MEASURE = "search-query: words of the index";
  // A single character says less than a word (还, 打, 天 belong to many words and senses): it counts half.
  var WORD_WEIGHT = 2;
  var CHARACTER_WEIGHT = 1;
  var PART_WEIGHT = 1;
  // Words of the index that begin with a query word (失信被执行人 for 失信) count, but less than the word
  // itself: lunr gives each of them its own rarity, so a rare compound (催收非法债务罪 for 催收) outweighed
  // pages with the word the reader typed.
  var LONGER_WEIGHT = 1;

  var script = document.currentScript;
  var functionWords = new Set(((script && script.dataset.functionWords) || "").split(/\s+/).filter(Boolean));
  var synonyms = {};
  try {
    synonyms = JSON.parse((script && script.dataset.synonyms) || "{}") || {};
  } catch (err) {
    synonyms = {};  // a list this script cannot read: search without it
  }
  var readerRoot = script ? new URL("..", script.src) : null;  // the script is in javascripts/
  var singleCharactersOnly = false;
  var words = null;       // Map: word of the index -> how often it occurs
  var separator = null;   // the index's separator, as a global RegExp
  var unknownCost = 0;    // log-probability of a character the index lacks as a word
  var total = 0;

  function learn(index) {
    var started = performance.now();
    try {
      separator = new RegExp(index.config.separator, "g");
      words = new Map();
      total = 0;
      index.docs.forEach(function (doc) {
        [doc.title, doc.text].forEach(function (field) {
          if (typeof field !== "string") return;
          field.replace(TAGS, " ").toLowerCase().split(separator).forEach(function (word) {
            if (!word) return;
            words.set(word, (words.get(word) || 0) + 1);
            total += 1;
          });
        });
      });
      unknownCost = Math.log(0.1 / total);
    } catch (err) {
      words = null;  // an index this script does not understand: Material searches the query as typed
      return;
    }
    try {
      performance.measure(LEARN_MEASURE, { start: started });  // scripts/bench_search.py reads it
    } catch (err) {
      // a browser without User Timing level 3 just has no figure
    }
  }

  function logProbability(word) {
    var count = words.get(word);
    return count ? Math.log(count / total) : null;
  }

  // The most probable cut of a run of Chinese characters into words of the index (dynamic programming).
  function cut(run) {
    var best = [0];
    var start = [0];
    for (var end = 1; end <= run.length; end++) {
      best[end] = -Infinity;
      for (var from = Math.max(0, end - LONGEST_WORD); from < end; from++) {
        var score = logProbability(run.slice(from, end));
        if (score === null) {
          if (end - from > 1) continue;
          score = unknownCost;
        }
        if (best[from] + score > best[end]) {
          best[end] = best[from] + score;
          start[end] = from;
        }
      }
    }
    var pieces = [];
    for (var at = run.length; at > 0; at = start[at]) pieces.unshift(run.slice(start[at], at));
    return pieces;
  }

  function rewrite(query) {
    singleCharactersOnly = false;
    if (!words || LUNR_SYNTAX.test(query)) return query;
    var pieces = [];
    query.toLowerCase().split(separator).forEach(function (chunk) {
      PIECES.lastIndex = 0;
      for (var match = PIECES.exec(chunk); match; match = PIECES.exec(chunk)) {
        if (match[1]) pieces.push.apply(pieces, cut(match[1]));
        else pieces.push(match[0]);
      }
    });
    var kept = [];
    pieces.forEach(function (piece) {
      if (functionWords.has(piece) || !words.has(piece) || kept.indexOf(piece) >= 0) return;
      kept.push(piece);
    });
    var lowered = query.toLowerCase();
    Object.keys(synonyms).forEach(function (readerWord) {
      if (lowered.indexOf(readerWord) < 0) return;
      synonyms[readerWord].forEach(function (word) {
        if (words.has(word) && kept.indexOf(word) < 0) kept.push(word);
      });
    });
    var longest = 0;
    (lowered.match(/\p{Script=Han}+/gu) || []).forEach(function (run) { longest = Math.max(longest, run.length); });
    if (longest > 1 && kept.length && kept.every(function (w) { return HAN.test(w) && w.length === 1; })) {
      singleCharactersOnly = true;
      return "";
    }
    var last = kept[kept.length - 1];
    var terms = kept.map(function (word) {
      var han = HAN.test(word);
      var weight = word.length > 1 ? WORD_WEIGHT : CHARACTER_WEIGHT;
      if (kept.length === 1) return word + (han ? WORD_END : "") + "*^" + weight;
      if (han && word.length > 1) return word + WORD_END + "^" + weight + " " + word + WORD_END + "*^" + LONGER_WEIGHT;
      // a number or Latin word at the end may be half typed (1237, ap)
      return word + (han ? WORD_END : "") + (word === last && !han ? "*" : "") + "^" + weight;
    });
    partsOf(kept).forEach(function (part) { terms.push(part + WORD_END + "*^" + PART_WEIGHT); });
    return terms.join(" ");
  }

  // The shorter words of the index inside each long word (治安管理 and 处罚 in 治安管理处罚法), as jieba's
  // search mode adds them: a heading may be cut into the short words where the question has the long one.
  function partsOf(kept) {
    var parts = [];
    kept.forEach(function (word) {
      if (!HAN.test(word) || word.length < 3) return;
      for (var size = 2; size < word.length; size++) {
        for (var at = 0; at + size <= word.length; at++) {
          var part = word.slice(at, at + size);
          if (words.has(part) && !functionWords.has(part) && kept.indexOf(part) < 0 && parts.indexOf(part) < 0) {
            parts.push(part);
          }
        }
      }
    });
    return parts;
  }

  // 7. What the result list says when the query matched single characters only.
  function showHint() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    var hint = document.querySelector(".search-hint");
    if (!hint) {
      hint = document.createElement("p");
      hint.className = "search-hint";
      hint.appendChild(document.createTextNode("本站没有这个词，只能按单个字找到，结果不可靠。换个说法试试；手里有催收短信，可以贴进"));
      var link = document.createElement("a");
      var onFile = location.protocol === "file:" || /\.html$/.test(location.pathname);
      link.href = readerRoot ? new URL(onFile ? "read-message.html" : "read-message/", readerRoot).href : "#";
      link.textContent = "看懂催收短信";
      hint.appendChild(link);
      hint.appendChild(document.createTextNode("，逐条看它说的是什么意思。"));
      list.parentNode.insertBefore(hint, list);
    }
    hint.hidden = !singleCharactersOnly;
  }

  // Pasted or dictated text: pass it on as a keyup, which is what Material listens to.
  function passOn(event) {
    var box = event.target;
    if (!box || !box.matches || !box.matches("input.md-search__input") || event.isComposing) return;
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
  document.addEventListener("input", passOn, true);
  document.addEventListener("compositionend", passOn, true);

  if (!window.Worker || window.Worker.prototype.__searchQuery) return;
  var post = window.Worker.prototype.postMessage;
  var unread = null;  // the index, until its words are counted: after the worker has it, or at the first query

  function learnUnread() {
    if (unread) learn(unread);
    unread = null;
  }

  window.Worker.prototype.postMessage = function (message) {
    if (message && message.type === SETUP && message.data && message.data.docs) {
      unread = message.data;
      setTimeout(learnUnread, 0);
    }
    if (message && message.type === QUERY && typeof message.data === "string") {
      learnUnread();
      var rewritten = { type: QUERY, data: rewrite(message.data) };
      showHint();
      return post.apply(this, [rewritten].concat(Array.prototype.slice.call(arguments, 1)));
    }
    return post.apply(this, arguments);
  };
  window.Worker.prototype.__searchQuery = true;
})();
