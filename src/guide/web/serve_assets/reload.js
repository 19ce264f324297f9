// Added by `make serve` only (never in the built site): reload the page after a good rebuild.
(() => {
  let seen = null;
  const poll = async () => {
    try {
      const r = await fetch("/__serve/version", { cache: "no-store" });
      const v = await r.text();
      if (seen !== null && v !== seen) location.reload();
      seen = v;
    } catch (e) { /* the server is restarting */ }
    setTimeout(poll, 1000);
  };
  poll();
})();
