// A tenant that attacks its neighbours through the node: an endless loop and a memory bomb.
export default {
  fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === '/loop') for (;;) {}
    if (path === '/memory') {
      const hoard = [];
      for (;;) hoard.push(new Array(4096).fill(hoard.length));
    }
    return new Response('harmless', { status: 200 });
  },
};
