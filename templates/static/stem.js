// English stemming as Pagefind does it (the Snowball "english" algorithm, Porter2), so that
// the search page can look a query word up in the word directory, whose words are the stems
// Pagefind indexed. tests/test_stem.py checks it against Pagefind's own index, word by word.
const VOWEL = new Set("aeiouy");
const NOT_SHORT = new Set("aeiouywxY");
const VALID_LI = new Set("cdeghkmnrt");
const REGION_PREFIXES = ["arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers"];
const WHOLE_WORDS = {
  andes: "andes", atlas: "atlas", bias: "bias", cosmos: "cosmos", howe: "howe", news: "news", sky: "sky",
  early: "earli", gently: "gentl", idly: "idl", only: "onli", singly: "singl", skies: "sky", skis: "ski", ugly: "ugli",
};
const STEP2 = [
  ["ational", "ate"], ["tional", "tion"], ["ization", "ize"], ["iveness", "ive"], ["fulness", "ful"],
  ["ousness", "ous"], ["biliti", "ble"], ["lessli", "less"], ["entli", "ent"], ["ousli", "ous"],
  ["fulli", "ful"], ["aliti", "al"], ["iviti", "ive"], ["alism", "al"], ["ation", "ate"], ["ogist", "og"],
  ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["izer", "ize"], ["ator", "ate"], ["alli", "al"],
  ["bli", "ble"], ["ogi", "og"], ["li", ""],
];
const STEP3 = [
  ["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"], ["ative", ""],
  ["ical", "ic"], ["ness", ""], ["ful", ""],
];
const STEP4 = [
  "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
  "ion", "al", "er", "ic",
];
const DOUBLES = new Set(["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);

const isVowel = (c) => VOWEL.has(c);
const ending = (s) => (typeof s === "string" ? s : s[0]);
for (const list of [STEP2, STEP3, STEP4]) list.sort((a, b) => ending(b).length - ending(a).length);
// The longest of `suffixes` (each a string, or a [suffix, replacement] pair) that ends `w`.
const longest = (w, suffixes) => suffixes.find((s) => w.endsWith(ending(s)));

function regions(w) {
  // R1 begins after the first non-vowel that follows a vowel (or after one of a few
  // prefixes); R2 is the same taken again within R1.
  const after = (from) => {
    let i = from;
    while (i < w.length && !isVowel(w[i])) i++;
    while (i < w.length && isVowel(w[i])) i++;
    return Math.min(i + 1, w.length);
  };
  const prefix = REGION_PREFIXES.find((p) => w.startsWith(p));
  const r1 = prefix ? prefix.length : after(0);
  return [r1, after(r1)];
}

// Whether the word up to `end` ends in a short syllable.
function shortSyllable(w, end) {
  if (end >= 3 && !NOT_SHORT.has(w[end - 1]) && isVowel(w[end - 2]) && !isVowel(w[end - 3])) return true;
  if (end === 2 && !isVowel(w[1]) && isVowel(w[0])) return true;
  return w.slice(0, end).endsWith("past");
}

function step1a(w) {
  const apostrophe = longest(w, ["'s'", "'s", "'"]);
  if (apostrophe) w = w.slice(0, -apostrophe.length);
  if (w.endsWith("sses")) return w.slice(0, -2);
  const ie = longest(w, ["ied", "ies"]);
  if (ie) return w.slice(0, -3) + (w.length > 4 ? "i" : "ie");
  if (w.endsWith("us") || w.endsWith("ss")) return w;
  if (w.endsWith("s") && [...w.slice(0, -2)].some(isVowel)) return w.slice(0, -1);
  return w;
}

function step1b(w, r1) {
  const suffix = longest(w, ["eedly", "ingly", "edly", "eed", "ing", "ed"]);
  if (!suffix) return w;
  const stem = w.slice(0, -suffix.length);
  if (suffix === "eed" || suffix === "eedly") {
    if (stem.length < r1 || ["succ", "proc", "exc"].includes(stem)) return w;
    return stem + "ee";
  }
  if (suffix === "ing") {
    if (/^[^aeiouy]y$/.test(stem)) return stem.slice(0, -1) + "ie";
    if (["even", "cann", "inn", "earr", "herr", "out"].includes(stem)) return w;
  }
  if (![...stem].some(isVowel)) return w;
  const end = stem.slice(-2);
  if (["at", "bl", "iz"].includes(end)) return stem + "e";
  if (DOUBLES.has(end)) return /^[aeo]..$/.test(stem) ? stem : stem.slice(0, -1);
  if (stem.length === r1 && shortSyllable(stem, stem.length)) return stem + "e";
  return stem;
}

function step1c(w) {
  const last = w[w.length - 1];
  if ((last === "y" || last === "Y") && w.length > 2 && !isVowel(w[w.length - 2])) return w.slice(0, -1) + "i";
  return w;
}

function step2(w, r1) {
  const found = longest(w, STEP2);
  if (!found) return w;
  const [suffix, replacement] = found;
  const start = w.length - suffix.length;
  if (start < r1) return w;
  if (suffix === "ogi" && w[start - 1] !== "l") return w;
  if (suffix === "li" && !VALID_LI.has(w[start - 1])) return w;
  return w.slice(0, start) + replacement;
}

function step3(w, r1, r2) {
  const found = longest(w, STEP3);
  if (!found) return w;
  const [suffix, replacement] = found;
  const start = w.length - suffix.length;
  if (start < r1 || (suffix === "ative" && start < r2)) return w;
  return w.slice(0, start) + replacement;
}

function step4(w, r2) {
  const suffix = longest(w, STEP4);
  if (!suffix) return w;
  const start = w.length - suffix.length;
  if (start < r2) return w;
  if (suffix === "ion" && !"st".includes(w[start - 1] || "x")) return w;
  return w.slice(0, start);
}

function step5(w, r1, r2) {
  const start = w.length - 1;
  if (w.endsWith("e") && (start >= r2 || (start >= r1 && !shortSyllable(w, start)))) return w.slice(0, start);
  if (w.endsWith("ll") && start >= r2) return w.slice(0, start);
  return w;
}

export function stem(word) {
  if (Object.hasOwn(WHOLE_WORDS, word)) return WHOLE_WORDS[word];
  if (word.length < 3) return word;
  let w = word.startsWith("'") ? word.slice(1) : word;
  // A y that begins the word or follows a vowel is a consonant: Y until the end.
  const letters = [...w];
  for (let i = 0; i < letters.length; i++) {
    if (letters[i] === "y" && (i === 0 || isVowel(letters[i - 1]))) letters[i] = "Y";
  }
  w = letters.join("");
  const [r1, r2] = regions(w);
  w = step1a(w);
  w = step1b(w, r1);
  w = step1c(w);
  w = step2(w, r1);
  w = step3(w, r1, r2);
  w = step4(w, r2);
  w = step5(w, r1, r2);
  return w.replace(/Y/g, "y");
}
