/* 看懂催收短信: reads a pasted or dictated collection message and says, claim by claim, what its words
 * mean, what is true and what to do now.
 *
 * The claims are data (data/message_claims.yaml), compiled at build time into javascripts/message-claims.js
 * (window.MESSAGE_CLAIMS: the patterns, the scam signs, the answer pages, a traditional→simplified table)
 * and into the table on the page (what is true with its checked citation, what to do, the answer page):
 * what is shown for a claim is that table row, cloned, so there is one text for both.
 *
 * window.readMessage(text) returns the claims: [{kind, href, title, scam, words}], scam signs first. It
 * never says a message is real or fake. The text stays in the page: nothing is sent or stored.
 * On a page without the reader's textarea only readMessage is defined.
 */
(function () {
  "use strict";
  var DATA = window.MESSAGE_CLAIMS;
  if (!DATA || !DATA.kinds) return;
  var MAX_LENGTH = 10000;
  var READABLE = /[\p{L}\p{N}]/u;
  var ONLY_URL = /^(https?:\/\/|www\.)\S+$/i;

  var kinds = DATA.kinds.map(function (kind) {
    return {
      kind: kind.kind, title: kind.title, href: kind.href, scam: kind.scam,
      patterns: kind.patterns.map(function (p) { return { re: new RegExp(p.re, "gu"), scam: p.scam }; }),
      excepts: kind.except.map(function (e) { return new RegExp(e, "gu"); })
    };
  });

  // Full-width letters, digits and punctuation as half-width; traditional characters the patterns use
  // as simplified; masks (*, ＊, ×) as 某; line breaks and spaces next to Chinese text removed
  // (dictation and the 24 小时 of typeset text put them there).
  function normalise(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      var code = ch.charCodeAt(0);
      if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
      else if (code === 0x3000) ch = " ";
      out += DATA.traditional[ch] || ch;
    }
    return out
      .toLowerCase()
      .replace(/[*×✱]+/g, "某")
      .replace(/(?<=[\p{Script=Han}，。！？：；、（）【】“”])\s+|\s+(?=[\p{Script=Han}，。！？：；、（）【】“”])/gu, "")
      .replace(/\s+/g, " ")
      .trim();
  }

  function blank(text, regexes) {
    regexes.forEach(function (re) {
      text = text.replace(re, function (m) { return " ".repeat(m.length); });
    });
    return text;
  }

  function readMessage(text) {
    if (typeof text !== "string") return [];
    var normal = normalise(text.slice(0, MAX_LENGTH));
    if (!READABLE.test(normal)) return [];
    var claims = [];
    kinds.forEach(function (kind) {
      var seen = blank(normal, kind.excepts);
      var words = [];
      var scam = kind.scam;
      kind.patterns.forEach(function (pattern) {
        pattern.re.lastIndex = 0;
        var matched = false;
        for (var m = pattern.re.exec(seen); m; m = pattern.re.exec(seen)) {
          if (m[0] === "") { pattern.re.lastIndex += 1; continue; }
          matched = true;
          var word = m[0].trim();
          if (word && words.indexOf(word) < 0) words.push(word);
        }
        if (matched && pattern.scam) scam = true;
      });
      if (words.length) claims.push({ kind: kind.kind, href: kind.href, title: kind.title, scam: scam, words: words });
    });
    // scam signs first; otherwise the data's order
    return claims.filter(function (c) { return c.scam; }).concat(claims.filter(function (c) { return !c.scam; }));
  }

  window.readMessage = readMessage;

  var box = document.getElementById("message-text");
  var result = document.querySelector(".message-reader__result");
  if (!box || !result) return;

  function paragraph(text, className) {
    var p = document.createElement("p");
    if (className) p.className = className;
    p.textContent = text;
    return p;
  }

  function rowOf(kind) {
    var anchor = document.getElementById("claim-" + kind);
    return anchor ? anchor.closest("tr") : null;
  }

  function cloneCell(cell, className, label) {
    var div = document.createElement("div");
    div.className = className;
    if (label) {
      var strong = document.createElement("strong");
      strong.textContent = label;
      div.appendChild(strong);
    }
    if (cell) {
      Array.prototype.forEach.call(cell.childNodes, function (node) {
        if (node.nodeType === Node.ELEMENT_NODE && node.classList.contains("claim-anchor")) return;
        div.appendChild(node.cloneNode(true));
      });
    }
    return div;
  }

  function card(claim) {
    var article = document.createElement("section");
    article.className = "message-claim" + (claim.scam ? " message-claim--scam" : "");
    article.dataset.kind = claim.kind;
    var title = document.createElement("h3");
    title.textContent = (claim.scam ? "可能是骗局：" : "") + claim.title;
    article.appendChild(title);
    var words = document.createElement("p");
    words.className = "message-claim__words";
    words.appendChild(document.createTextNode("短信里的字眼："));
    claim.words.forEach(function (word, i) {
      if (i) words.appendChild(document.createTextNode("、"));
      var mark = document.createElement("mark");
      mark.textContent = word;
      words.appendChild(mark);
    });
    article.appendChild(words);
    var row = rowOf(claim.kind);
    var cells = row ? row.querySelectorAll("td") : [];
    article.appendChild(cloneCell(cells[1], "message-claim__truth", "真实情况："));
    article.appendChild(cloneCell(cells[2], "message-claim__action", "现在怎么做："));
    var answer = cells[3] && cells[3].querySelector("a");
    if (answer) {
      var link = answer.cloneNode(true);
      link.textContent = "详细解答 →";
      link.className = "message-claim__answer";
      var p = document.createElement("p");
      p.appendChild(link);
      article.appendChild(p);
    }
    return article;
  }

  function show(text) {
    var trimmed = text.trim();
    var nodes = [];
    if (!trimmed) {
      nodes.push(paragraph("贴上短信后，这里会逐条说明。", "message-reader__status"));
    } else if (!READABLE.test(normalise(trimmed))) {
      nodes.push(paragraph("这里没有可读的文字（只有表情或符号）。请把短信的文字贴进来。", "message-reader__status"));
    } else {
      if (text.length >= MAX_LENGTH) {
        nodes.push(paragraph("内容很长：只读了前 " + MAX_LENGTH + " 个字。一次贴一条短信，读得更清楚。", "message-reader__status"));
      }
      if (ONLY_URL.test(trimmed)) {
        nodes.push(paragraph("这只是一个网址。不要点开它；请把整条短信的文字贴进来。", "message-reader__status"));
      }
      var claims = readMessage(text);
      if (!claims.length) {
        nodes.push(paragraph("这段文字里没有上门、起诉、冻结、通知家人这类说法，也没有要你通过链接或个人账户付钱。欠款的情况，仍然只在借款用的官方 App 或官方客服电话核实。", "message-reader__status message-reader__calm"));
      } else {
        nodes.push(paragraph("找到 " + claims.length + " 种说法。这里只说这些字眼是什么意思，判断不了短信的真假：欠款是否真实、金额多少、委托了谁，打开借款用的官方 App 或拨打官方客服电话核实。", "message-reader__status"));
        claims.forEach(function (claim) { nodes.push(card(claim)); });
      }
    }
    result.replaceChildren.apply(result, nodes);
  }

  box.addEventListener("input", function (event) {
    if (event.isComposing) return;  // an input method is still composing: wait for compositionend
    show(box.value);
  });
  box.addEventListener("compositionend", function () { show(box.value); });
  if (box.value) show(box.value);
})();
