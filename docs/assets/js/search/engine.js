/* The site's search: MiniSearch (BM25, typo tolerance) over every page and
 * section, with the question handling around it:
 *   - every word is kept, but the small words ("the", "he", "me") weigh little;
 *   - words of 5 letters or more match with one typo, of 8 or more with two;
 *   - the last word also matches as a prefix (as-you-type);
 *   - a word also looks for its related words (data/search.yml), at a lower weight;
 *   - a page whose keyword phrase the question holds whole ranks higher;
 *   - a section that has more of the question's words, close together and in
 *     order, ranks higher ("shuts down" beats "shuts ... down");
 *   - results are grouped by page: the page, the section that matched, and a
 *     short snippet with the matched words marked;
 *   - questions about violence, abuse, coercion or self-harm (data/search.yml)
 *     put the help and safety pages first.
 * The answer has the shape Material's search box expects from its worker.
 * Used by worker.js, and by tools/search_run.js to measure it under Node. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.GuideSearch = factory;
})(typeof self !== "undefined" ? self : this, function (MiniSearch, Stem) {
  "use strict";

  var SMALL = ("a an the and or but if of to in on at by for with from as is are was were be been am do does did " +
    "i me my myself we us our you your he him his she her they them their it its this that these those what which " +
    "who whom how when where why can could should would will shall may might must have has had so just very about " +
    "there then than too also any some all get got im ive id dont doesnt didnt cant wont isnt arent wasnt not no " +
    "into out up down over again really much more most such only own same other others each " +
    "thing things something anything everything know say says said lot even still ever every one " +
    "someone anyone well maybe like go going way").split(" ");
  /* Default weights; data/search.yml can set them (config.weights). */
  var WEIGHTS = { title: 3, about: 1, keys: 6, asked: 3, also: 1, related: 0.5, page: 0.6, text: 1, small: 0.3, boost: 0.25, coverage: 0.1, proximity: 0.6, others: 0.5, keyphrase: 1,
    bm25_k: 1.2, bm25_b: 0.7, bm25_d: 0.5 };  /* BM25: MiniSearch's defaults */
  var SNIPPET_WORDS = 26;
  var MAX_GROUPS = 20;

  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function pageOf(location) { return location.split("#")[0]; }

  /* Edit distance, stopping early once it passes `max`. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (cur[j] < low) low = cur[j];
      }
      if (low > max) return max + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  function typos(length) { return length >= 8 ? 2 : length >= 5 ? 1 : 0; }
  /* Typos for a word the index knows: none under 8 letters, at most one from 8. */
  function known(n, term) { return term.length >= 8 ? Math.min(n, 1) : 0; }

  /* --- safety -------------------------------------------------------------- */

  function Safety(rules) {
    rules = rules || {};
    var words = [], phrases = [];
    (rules.words || []).forEach(function (w) {
      var t = Stem.terms(w);
      if (t.length === 1) words.push({ term: t[0], fuzzy: w.length >= 6 });
      else if (t.length > 1) phrases.push(t);
    });
    (rules.phrases || []).forEach(function (p) { var t = Stem.terms(p); if (t.length) phrases.push(t); });
    function set(list) { var out = {}; list.forEach(function (w) { out[Stem.term(w)] = 1; }); return out; }
    /* A pair's first words are stems, or with as_typed the words exactly as typed: "pressured"
     * and "pressures" are pressure from a person, the noun in "blood pressure" is not. */
    function typedSet(list) { var out = {}; list.forEach(function (w) { out[w.toLowerCase()] = 1; }); return out; }
    this.pairs = (rules.pairs || []).map(function (p) {
      return { first: p.as_typed ? typedSet(p.first) : set(p.first), typed: !!p.as_typed, then: set(p.then), either: !!p.either_order,
        unless: set(p.not_followed_by || []) };
    });
    this.words = words; this.phrases = phrases; this.pages = rules.pages || [];
    /* Sayings whose words are not what they say ("hitting a wall", "beat cancer"): their words
     * are left out before the rules are read. */
    this.idioms = (rules.idioms || []).map(function (p) { return Stem.terms(p); }).filter(function (t) { return t.length > 1; });
  }

  Safety.prototype.matches = function (query) {
    var typed = Stem.words(query).filter(function (t) { return Stem.term(t.word); });
    var q = typed.map(function (t) { return Stem.term(t.word); }), i, j;
    var out = {};
    this.idioms.forEach(function (idiom) {
      for (var s = 0; s + idiom.length <= q.length; s++)
        if (idiom.every(function (t, k) { return q[s + k] === t; })) for (var k = 0; k < idiom.length; k++) out[s + k] = 1;
    });
    if (Object.keys(out).length) {
      typed = typed.filter(function (t, n) { return !out[n]; });
      q = q.filter(function (t, n) { return !out[n]; });
    }
    for (i = 0; i < q.length; i++)
      for (j = 0; j < this.words.length; j++) {
        var w = this.words[j];
        /* One typo only when the reader's word, as typed, has 6 letters or more too: "sucidal"
         * is "suicidal", but "chore" is not "choked" (and "talking", stem "talk", is not "stalk").
         * And not in the first letter: "islamic" (stem "islam") is not "slammed" ("slam"). */
        if (q[i] === w.term || (w.fuzzy && q[i].length >= 5 && typed[i].word.length >= 6 && q[i][0] === w.term[0] &&
            distance(q[i], w.term, 1) <= 1)) return true;
      }
    for (j = 0; j < this.phrases.length; j++) if (inOrder(q, this.phrases[j], 1)) return true;
    for (var k = 0; k < this.pairs.length; k++) {
      var p = this.pairs[k];
      for (i = 0; i < q.length; i++)
        for (j = Math.max(0, i - 5); j < Math.min(q.length, i + 6); j++)
          if (p.first[p.typed ? typed[i].word.toLowerCase() : q[i]] && p.then[q[j]] && (j > i || (p.either && j < i)) && !followedBy(q, i, p.unless)) return true;
    }
    return false;
  };

  /* Is the term at i followed, straight after or after "to" or "of", by one of `words`?
   * ("afraid to talk", "scared of losing him"). */
  var TO = Stem.term("to"), OF = Stem.term("of");
  function followedBy(q, i, words) {
    var next = q[i + 1] === TO || q[i + 1] === OF ? q[i + 2] : q[i + 1];
    return !!(next && words[next]);
  }

  /* Do the phrase's terms appear in order, with at most `gap` other terms between each? */
  function inOrder(q, phrase, gap) {
    for (var start = 0; start < q.length; start++) {
      if (q[start] !== phrase[0]) continue;
      var at = start, k = 1;
      for (; k < phrase.length; k++) {
        var next = -1;
        for (var j = at + 1; j <= Math.min(q.length - 1, at + 1 + gap); j++) if (q[j] === phrase[k]) { next = j; break; }
        if (next < 0) break;
        at = next;
      }
      if (k === phrase.length) return true;
    }
    return false;
  }

  /* --- the engine ------------------------------------------------------------ */

  /* The index file's packed form (guide.web.search_engine.pack): each entry a list of the fields
   * in config.packed, and a section's location without its page when the page came before it. */
  function unpack(index) {
    var fields = (index.config || {}).packed, page = "";
    if (!fields) return index.docs;
    return index.docs.map(function (row) {
      var d = { title: "", text: "" };
      fields.forEach(function (f, i) { if (row[i] !== undefined && row[i] !== "") d[f] = row[i]; });
      d.location = row[0];  /* "" is the home page */
      if (d.location.charAt(0) === "#") d.location = page + d.location;
      else if (d.location.indexOf("#") < 0) page = d.location;
      return d;
    });
  }

  function Engine(index) {
    var docs = unpack(index), titles = {}, self = this;
    docs.forEach(function (d) { if (d.location.indexOf("#") < 0) titles[d.location] = d.title; });
    this.docs = docs;
    var w = this.w = {}, given = (index.config || {}).weights || {};
    Object.keys(WEIGHTS).forEach(function (k) { w[k] = typeof given[k] === "number" ? given[k] : WEIGHTS[k]; });
    this.fields = { title: w.title, about: w.about, keys: w.keys, asked: w.asked, also: w.also, page: w.page, text: w.text };
    this.small = {};
    SMALL.forEach(function (w) { self.small[Stem.term(w)] = 1; });
    this.safety = new Safety((index.config || {}).safety);
    /* Related words (data/search.yml): a question's word also looks for its group's other words,
     * at a lower weight: "bickering" finds the pages about arguing. Stem -> the group's words. */
    var related = this.related = {};
    ((index.config || {}).related || []).forEach(function (group) {
      var single = group.filter(function (w) { return Stem.terms(w).length === 1; });
      single.forEach(function (w) {
        var t = Stem.term(w);
        related[t] = (related[t] || []).concat(single.filter(function (o) { return Stem.term(o) !== t; }));
      });
    });
    /* Two-word verbs that mean something else than their first word (data/search.yml compounds):
     * "break up" is about parting, not about the break plan. The question's phrase becomes one
     * word ("breakup"); a page that uses the phrase is also filed under that word. */
    var compounds = this.compounds = [];
    var given2 = (index.config || {}).compounds || {};
    Object.keys(given2).forEach(function (joined) {
      given2[joined].forEach(function (phrase) {
        var parts = phrase.toLowerCase().split(/\s+/).map(function (p) { return p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
        compounds.push({ re: new RegExp("(^|[^\\p{L}])" + parts.join("\\s+") + "(?![\\p{L}])", "giu"), joined: joined });
      });
    });
    /* Phrases a question uses for what our pages call by another name (data/search.yml rewrite):
     * "marriage counselling" is read as "couples counselling". The question's side only. */
    var rewrites = this.rewrites = [];
    var given3 = (index.config || {}).rewrite || {};
    Object.keys(given3).forEach(function (phrase) {
      rewrites.push({ re: new RegExp("(^|[^\\p{L}])" + phrase.split(" ").join("\\s+") + "(?![\\p{L}])", "giu"), to: given3[phrase] });
    });
    this.tokens = [];
    var vocab = this.vocab = new Set();  /* every term in the index */
    var df = this.df = new Map();        /* term -> how many entries use it (for its weight) */
    var seen = null;                     /* the terms of the entry being indexed */
    this.ms = new MiniSearch({
      fields: Object.keys(this.fields),
      storeFields: [],
      tokenize: function (text) {
        var out = Stem.words(text).map(function (t) { return t.word; });
        compounds.forEach(function (c) { c.re.lastIndex = 0; while (c.re.exec(text)) out.push(c.joined); });
        return out;
      },
      searchOptions: { tokenize: function (text) { return Stem.words(text).map(function (t) { return t.word; }); } },
      processTerm: function (word) {
        var t = Stem.term(word);
        if (t && seen) { vocab.add(t); seen.add(t); }
        return t || null;
      },
      extractField: function (doc, field) { return doc[field]; }
    });
    docs.forEach(function (d, i) {
      seen = new Set();
      self.ms.add({ id: i, title: d.title, about: d.about || "", text: d.text, keys: d.keys || "", asked: d.asked || "", also: d.also || "",
        page: d.location.indexOf("#") < 0 ? "" : titles[pageOf(d.location)] || "" });
      seen.forEach(function (t) { df.set(t, (df.get(t) || 0) + 1); });
    });
    seen = null;  /* the question's words go through processTerm too, but are not the index's */
    this.n = docs.length;
    /* Each page's keywords as phrases of main words ("couples counselling"): a question that
     * holds a whole phrase says more than one that shares a word with it. */
    this.keyPhrases = docs.map(function (d) {
      if (!d.keys) return null;
      var out = [];
      d.keys.split(" | ").forEach(function (k) {
        var t = Stem.terms(k).filter(function (x) { return !self.small[x]; });
        if (t.length >= 2) out.push(t);
      });
      return out.length ? out : null;
    });
  }

  /* How many main words the longest of the page's keyword phrases has that the question
   * holds whole (0 if it holds none). */
  Engine.prototype.keyPhrase = function (i, mainSet) {
    var phrases = this.keyPhrases[i], best = 0;
    if (!phrases) return 0;
    for (var p = 0; p < phrases.length; p++) {
      var all = true;
      for (var k = 0; k < phrases[p].length && all; k++) if (!mainSet[phrases[p][k]]) all = false;
      if (all && phrases[p].length > best) best = phrases[p].length;
    }
    return best;
  };

  /* How much a word tells apart (inverse entry frequency): "argue" says more than "things". */
  Engine.prototype.idf = function (term) {
    return Math.log(1 + this.n / (1 + (this.df.get(term) || 0)));
  };

  Engine.prototype.weight = function (term) { return this.small[term] ? this.w.small : 1; };

  /* The stemmed words of a document's title and text, computed once when first needed. */
  Engine.prototype.docTerms = function (i) {
    if (!this.tokens[i]) this.tokens[i] = Stem.terms(this.docs[i].title + " . " + this.docs[i].text);
    return this.tokens[i];
  };

  /* How many neighbouring pairs of the question's main words sit close together, in order. */
  Engine.prototype.proximity = function (i, qterms, matched) {
    var t = this.docTerms(i), pairs = 0, found = 0, slot = new Map(), pos = [], p, k;
    for (k = 0; k < qterms.length; k++) { pos.push([]); if (!slot.has(qterms[k])) slot.set(qterms[k], k); }
    for (p = 0; p < t.length; p++) {
      k = slot.get(t[p]);
      if (k === undefined && Object.prototype.hasOwnProperty.call(matched, t[p])) k = slot.get(matched[t[p]]);
      if (k !== undefined) pos[k].push(p);
    }
    for (k = 0; k < qterms.length; k++) if (slot.get(qterms[k]) !== k) pos[k] = pos[slot.get(qterms[k])];
    for (k = 0; k + 1 < qterms.length; k++) {
      pairs++;
      var a = pos[k], b = pos[k + 1], near = false;
      for (var x = 0; x < a.length && !near; x++)
        for (var y = 0; y < b.length; y++) if (b[y] > a[x] && b[y] - a[x] <= 3) { near = true; break; }
      if (near) found++;
    }
    return pairs ? found / pairs : 0;
  };

  /* Two letters swapped ("asexaul") count as one typo: a word the index does not know becomes
   * the first swap of neighbouring letters that it does know. */
  Engine.prototype.unswap = function (query) {
    var vocab = this.vocab;
    return query.replace(/[\p{L}]{5,}/gu, function (w) {
      if (vocab.has(Stem.term(w))) return w;
      for (var i = 0; i + 1 < w.length; i++) {
        var v = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
        if (vocab.has(Stem.term(v))) return v;
      }
      return w;
    });
  };

  Engine.prototype.search = function (query) {
    var self = this;
    query = this.unswap(query);
    var asked = query;  /* the safety rules read the words as typed ("break up with me if i") */
    this.rewrites.forEach(function (r) { query = query.replace(r.re, "$1" + r.to); });
    this.compounds.forEach(function (c) { query = query.replace(c.re, "$1" + c.joined); });
    var all = Stem.terms(query);
    if (!all.length) return { items: [] };
    var main = all.filter(function (t) { return !self.small[t]; });
    if (!main.length) main = all;
    var ended = /\s$/.test(query), allSet = new Set(all);
    var rawLength = new Map();  /* a stem's longest word in the question: typos depend on what was typed */
    Stem.words(query).forEach(function (w) {
      var t = Stem.term(w.word);
      if (t) rawLength.set(t, Math.max(rawLength.get(t) || 0, w.word.length));
    });
    var alias = {}, extra = [];  /* a related word -> the question's word it stands for */
    main.forEach(function (t) {
      (self.related[t] || []).forEach(function (w) {
        var r = Stem.term(w);
        if (!allSet.has(r) && !alias[r]) { alias[r] = t; extra.push(w); }
      });
    });
    var related = this.w.related;
    var tree = !extra.length ? query : { combineWith: "OR", queries: [query,
      { queries: [extra.join(" ")], prefix: false, fuzzy: false, boostTerm: function () { return related; } }] };
    var raw = this.ms.search(tree, {
      boost: this.fields,
      combineWith: "OR",
      fuzzy: function (term) {
        var n = Math.max(typos(term.length), Math.min(1, typos(rawLength.get(term) || 0)));
        /* A word the index knows is most likely spelled as meant: "night" should not find "fight"
         * and "right". Known words of 8 letters or more keep one typo; unknown words keep all. */
        return self.vocab.has(term) ? known(n, term) : n;
      },
      prefix: function (term, i, terms) { return !ended && i === terms.length - 1 && term.length >= 3; },
      boostTerm: function (term) { return self.weight(term); },
      boostDocument: function (id) { var b = self.docs[id].boost; return b ? Math.pow(b, self.w.boost) : 1; },
      bm25: { k: this.w.bm25_k, b: this.w.bm25_b, d: this.w.bm25_d }
    });
    var mainSet = {}, idf = {}, idfAll = 0;
    main.forEach(function (t) { if (!mainSet[t]) { mainSet[t] = 1; idf[t] = self.idf(t); idfAll += idf[t]; } });
    var scored = raw.slice(0, 80).map(function (r) {
      var covered = {};
      r.queryTerms.forEach(function (q) { var o = mainSet[q] ? q : alias[q]; if (o) covered[o] = 1; });
      var coverage = Object.keys(covered).reduce(function (sum, q) { return sum + idf[q]; }, 0) / idfAll;
      var matched = {};   /* document term -> the question's term it stands for */
      r.terms.forEach(function (dt) {
        if (allSet.has(dt)) { matched[dt] = dt; return; }
        if (alias[dt]) { matched[dt] = alias[dt]; return; }
        var best = null, bd = 99;
        all.forEach(function (q) { var d = dt.indexOf(q) === 0 ? 0.5 : distance(dt, q, 2); if (d < bd) { bd = d; best = q; } });
        matched[dt] = best;
      });
      var prox = main.length > 1 ? self.proximity(r.id, main, matched) : 0;
      var kp = self.keyPhrase(r.id, mainSet);
      var score = (r.score / Math.max(1, r.queryTerms.length)) * (self.w.coverage + coverage * coverage) *
        (1 + self.w.proximity * prox) * (1 + self.w.keyphrase * (kp > 1 ? Math.min(1, kp / 3) : 0));
      return { id: r.id, score: score, terms: r.terms };
    });
    scored.sort(function (a, b) { return b.score - a.score; });
    var groups = [], byPage = {};
    scored.forEach(function (s) {
      var page = pageOf(self.docs[s.id].location);
      var g = byPage[page];
      if (!g) { g = byPage[page] = { page: page, best: s, score: s.score, n: 1 }; groups.push(g); }
      else if (g.n++ < 3) g.score += self.w.others * s.score;
    });
    groups.sort(function (a, b) { return b.score - a.score; });
    if (this.safety.matches(asked)) groups = this.pin(groups);
    return { items: groups.slice(0, MAX_GROUPS).map(function (g, rank) { return self.card(g, 1000 - rank); }) };
  };

  /* The safety pages first, in order; the first shows its opening lines. */
  Engine.prototype.pin = function (groups) {
    var self = this, pinned = this.safety.pages.map(function (page, k) {
      var found = groups.filter(function (g) { return g.page === page; })[0];
      if (k === 0 || !found) found = { page: page, best: null, lead: true };
      return found;
    }).filter(function (g) { return self.docIndex(g.page) >= 0; });
    var pages = this.safety.pages;
    return pinned.concat(groups.filter(function (g) { return pages.indexOf(g.page) < 0; }));
  };

  Engine.prototype.docIndex = function (location) {
    if (!this.byLocation) {
      this.byLocation = {};
      for (var i = 0; i < this.docs.length; i++) this.byLocation[this.docs[i].location] = i;
    }
    var i = this.byLocation[location];
    return typeof i === "number" ? i : -1;
  };

  /* One result: the page, then the section that matched (if it is not the page's top). */
  Engine.prototype.card = function (g, score) {
    var pageDoc = this.docs[this.docIndex(g.page)] || { location: g.page, title: g.page, text: "" };
    var marks = {};
    var small = this.small;
    (g.best ? g.best.terms : []).forEach(function (t) { if (!small[t]) marks[t] = 1; });
    var page = { location: pageDoc.location, title: highlight(pageDoc.title, marks), text: "", score: score, terms: {} };
    if (!g.best || pageOf(this.docs[g.best.id].location) === this.docs[g.best.id].location) {
      page.text = g.best ? snippet(pageDoc.text, marks) : lead(pageDoc.text);
      return [page];
    }
    var doc = this.docs[g.best.id];
    return [page, { location: doc.location, title: highlight(doc.title, marks), text: snippet(doc.text, marks), score: score, terms: {} }];
  };

  function highlight(text, marks) {
    var out = "", at = 0;
    Stem.words(text).forEach(function (t) {
      if (!marks[Stem.term(t.word)]) return;
      out += escapeHTML(text.slice(at, t.start)) + "<mark>" + escapeHTML(t.word) + "</mark>";
      at = t.end;
    });
    return out + escapeHTML(text.slice(at));
  }

  /* The stretch of text with most of the matched words, cut at word boundaries. */
  function snippet(text, marks) {
    var w = Stem.words(text);
    if (!w.length) return "";
    var hit = w.map(function (t) { return marks[Stem.term(t.word)] ? Stem.term(t.word) : null; });
    var best = 0, bestScore = -1;
    for (var s = 0; s < w.length; s++) {
      var seen = {}, n = 0;
      for (var k = s; k < Math.min(w.length, s + SNIPPET_WORDS); k++) if (hit[k] && !seen[hit[k]]) { seen[hit[k]] = 1; n++; }
      if (n > bestScore) { bestScore = n; best = s; }
      if (s + SNIPPET_WORDS >= w.length) break;
    }
    if (bestScore > 0) {  /* start a few words before the window's first match */
      while (best < w.length - 1 && !hit[best]) best++;
      best = Math.max(0, best - 3);
    } else best = 0;
    var end = Math.min(w.length, best + SNIPPET_WORDS);
    var from = best === 0 ? 0 : w[best].start, to = end === w.length ? text.length : w[end - 1].end;
    var part = text.slice(from, to);
    return "<p>" + (from > 0 ? "\u2026 " : "") + highlight(part, marks) + (to < text.length ? " \u2026" : "") + "</p>";
  }

  function lead(text) { return snippet(text, {}); }

  return {
    create: function (index) { return new Engine(index); },
    Safety: Safety
  };
});
