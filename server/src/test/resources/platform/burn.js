// Spins on the CPU for ?ms= milliseconds (30 by default), then answers.
export default {
  fetch(request) {
    const ms = Number(new URL(request.url).searchParams.get('ms') ?? 30);
    const until = Date.now() + ms;
    let spins = 0;
    while (Date.now() < until) spins++;
    return new Response(`burned ${ms} ms (${spins} spins)`);
  },
};
