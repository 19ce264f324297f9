/* Words to search terms, the same way for the pages and for the question:
 * lower case, no apostrophes ("can't" is "cant"), one spelling for British,
 * American and Australian forms ("behaviour", "behavior"), then the Porter
 * stemmer ("arguing", "argued" and "argue" are one term).
 * Used by engine.js in the search worker and under Node (tools/). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.GuideStem = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;
  var OUR_KEEP = { detour: 1, devour: 1, contour: 1, velour: 1, amour: 1, paramour: 1, troubadour: 1 };

  /* Every word of a text, with where it starts and ends (for snippets). */
  function words(text) {
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
    return out;
  }

  /* British and Australian spellings to one form (applied to pages and questions alike). */
  function spelling(w) {
    if (w.length > 5 && !OUR_KEEP[w.replace(/(s|ed|ing|ful|ite|able)$/, "")])
      w = w.replace(/([a-z]{2,})our(s|ed|ing|ful|ite|able|er|ers)?$/, "$1or$2");
    w = w.replace(/([^aeiou])tre(s|d)?$/, "$1ter$2");          /* centre, fibre */
    w = w.replace(/([^aeiou])ae([^aeiou])/g, "$1e$2");         /* paediatric, gynaecology */
    w = w.replace(/^oe/, "e").replace(/oea$/, "ea");          /* oestrogen, diarrhoea */
    w = w.replace(/([iy])s(e|es|ed|ing|ation|ations|er|ers)$/, "$1z$2"); /* apologise, analyse */
    w = w.replace(/ell(ing|ed|or|ors)$/, "el$1");              /* counselling, travelled */
    w = w.replace(/amme(s)?$/, "am$1");                         /* programme */
    w = w.replace(/([cf])ence$/, "$1ense");                     /* licence, defence */
    return w;
  }

  /* The Porter stemmer (M. F. Porter, 1980). */
  var step2list = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble",
    alli: "al", entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al",
    iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log" };
  var step3list = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var c = "[^aeiou]", v = "[aeiouy]", C = c + "[^aeiouy]*", V = v + "[aeiou]*";
  var mgr0 = new RegExp("^(" + C + ")?" + V + C);
  var meq1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$");
  var mgr1 = new RegExp("^(" + C + ")?" + V + C + V + C);
  var sV = new RegExp("^(" + C + ")?" + v);

  function porter(w) {
    if (w.length < 3) return w;
    var stem, suffix, re, re2, re3, re4, fp;
    var first = w.charAt(0);
    if (first === "y") w = "Y" + w.slice(1);
    re = /^(.+?)(ss|i)es$/; re2 = /^(.+?)([^s])s$/;
    if (re.test(w)) w = w.replace(re, "$1$2");
    else if (re2.test(w)) w = w.replace(re2, "$1$2");
    re = /^(.+?)eed$/; re2 = /^(.+?)(ed|ing)$/;
    if (re.test(w)) {
      fp = re.exec(w);
      if (mgr0.test(fp[1])) w = w.replace(/.$/, "");
    } else if (re2.test(w)) {
      fp = re2.exec(w); stem = fp[1];
      if (sV.test(stem)) {
        w = stem;
        re2 = /(at|bl|iz)$/; re3 = /([^aeiouylsz])\1$/; re4 = new RegExp("^" + C + v + "[^aeiouwxy]$");
        if (re2.test(w)) w = w + "e";
        else if (re3.test(w)) w = w.replace(/.$/, "");
        else if (re4.test(w)) w = w + "e";
      }
    }
    re = /^(.+?)y$/;
    if (re.test(w)) { fp = re.exec(w); stem = fp[1]; if (sV.test(stem)) w = stem + "i"; }
    re = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
    if (re.test(w)) { fp = re.exec(w); stem = fp[1]; suffix = fp[2]; if (mgr0.test(stem)) w = stem + step2list[suffix]; }
    re = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
    if (re.test(w)) { fp = re.exec(w); stem = fp[1]; suffix = fp[2]; if (mgr0.test(stem)) w = stem + step3list[suffix]; }
    re = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
    re2 = /^(.+?)(s|t)(ion)$/;
    if (re.test(w)) { fp = re.exec(w); stem = fp[1]; if (mgr1.test(stem)) w = stem; }
    else if (re2.test(w)) { fp = re2.exec(w); stem = fp[1] + fp[2]; if (mgr1.test(stem)) w = stem; }
    re = /^(.+?)e$/;
    if (re.test(w)) {
      fp = re.exec(w); stem = fp[1];
      re2 = new RegExp("^" + C + v + "[^aeiouwxy]$");
      if (mgr1.test(stem) || (meq1.test(stem) && !re2.test(stem))) w = stem;
    }
    if (/ll$/.test(w) && mgr1.test(w)) w = w.replace(/.$/, "");
    if (first === "y") w = "y" + w.slice(1);
    return w;
  }

  /* One word to its search term ("" for nothing searchable); remembered, as pages repeat words. */
  var memo = new Map();
  function term(word) {
    var t = memo.get(word);
    if (t === undefined) { t = compute(word); if (memo.size < 200000) memo.set(word, t); }
    return t;
  }

  function compute(word) {
    var w = word.toLowerCase().replace(/\u2019/g, "'");
    w = w.replace(/'s$/, "").replace(/'/g, "");
    if (!w) return "";
    if (/\d/.test(w)) return w;
    return porter(spelling(w));
  }

  function terms(text) {
    return words(text).map(function (t) { return term(t.word); }).filter(Boolean);
  }

  return { words: words, term: term, terms: terms, spelling: spelling, porter: porter };
});
