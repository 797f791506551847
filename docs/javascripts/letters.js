/* Letters (the templates: each letter is a div.letter): a 「复制全文」 button copies the letter's text to
 * paste into a message or an e-mail, and a 「只打印这一封」 button prints that letter alone on one sheet
 * (CSS: body[data-print-one]). Copying uses the Clipboard API, and where it is missing or refused (an
 * older browser, a page opened from file://) a selected hidden text area and the copy command.
 */
(function () {
  "use strict";
  var letters = document.querySelectorAll(".md-content .letter");
  if (!letters.length) return;

  // innerText leaves out list markers (they are CSS, not text): each item gets its number (1. 2. 3., from
  // the list's start) or a dash for the moment the text is read, so a pasted letter keeps its numbering.
  function letterText(letter) {
    var markers = [];
    letter.querySelectorAll("li").forEach(function (item) {
      var list = item.parentElement;
      var marker = document.createElement("span");
      if (list.tagName === "OL") {
        var number = (parseInt(list.getAttribute("start"), 10) || 1) +
          Array.prototype.indexOf.call(list.children, item);
        marker.textContent = number + ". ";
      } else {
        marker.textContent = "- ";
      }
      item.insertBefore(marker, item.firstChild);
      markers.push(marker);
    });
    var text = letter.innerText;
    markers.forEach(function (marker) { marker.remove(); });
    return text.replace(/\n{3,}/g, "\n\n").trim();
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (err) {
      copied = false;
    }
    document.body.removeChild(area);
    return copied;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithSelection(text); }
      );
    }
    return Promise.resolve(copyWithSelection(text));
  }

  function button(label) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = label;
    return b;
  }

  letters.forEach(function (letter) {
    var tools = document.createElement("div");
    tools.className = "letter-tools";
    var copyButton = button("复制全文");
    var printButton = button("只打印这一封");
    var status = document.createElement("span");
    status.className = "letter-tools__status";
    status.setAttribute("role", "status");
    tools.appendChild(copyButton);
    tools.appendChild(printButton);
    tools.appendChild(status);
    letter.insertAdjacentElement("beforebegin", tools);

    copyButton.addEventListener("click", function () {
      copy(letterText(letter)).then(function (copied) {
        status.textContent = copied ? "已复制，可以粘贴到短信、微信或邮件里" : "没能复制：请长按文字，手动选择后复制";
      });
    });

    printButton.addEventListener("click", function () {
      letter.setAttribute("data-print-this", "");
      document.body.setAttribute("data-print-one", "");
      window.print();
    });
  });

  window.addEventListener("afterprint", function () {
    document.body.removeAttribute("data-print-one");
    letters.forEach(function (letter) { letter.removeAttribute("data-print-this"); });
  });
})();
