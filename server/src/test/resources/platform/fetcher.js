// Fetches each ?url= in turn, ?times= times each (1 by default), and reports every outcome in order:
// {status, body, headers} for a response, {error} for a fetch() that threw.
export default {
  async fetch(request) {
    const params = new URL(request.url).searchParams;
    const times = Number(params.get('times') ?? 1);
    const outcomes = [];
    for (const target of params.getAll('url')) {
      for (let i = 0; i < times; i++) {
        try {
          const response = await fetch(target);
          outcomes.push({ status: response.status, body: await response.text(), headers: Object.fromEntries(response.headers) });
        } catch (e) {
          outcomes.push({ error: e.message });
        }
      }
    }
    return Response.json(outcomes);
  },
};
