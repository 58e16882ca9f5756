// Service-worker syntax: a classic script that registers a fetch listener.
addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  event.waitUntil(Promise.resolve());
  event.respondWith(Response.json({ passed: url.pathname === '/' && typeof event.passThroughOnException === 'function' ? ['fetch event responds'] : [], failed: [] }));
});
