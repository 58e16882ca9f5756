// globex, a tenant on the pro plan that calls the platform's API. It sends no credentials of its own: its fetch()
// goes through the platform's outbound worker, which adds an Authorization header for globex and (under
// `corral dev`, where the API does not exist) answers in the API's place with what it received.
// `/blocked` tries a host on the platform's block list instead.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const target = url.pathname === '/blocked'
      ? 'https://blocked.example/'
      : env.UPSTREAM ?? 'https://api.example.com/anything';
    const upstream = await fetch(target, { headers: { Accept: 'application/json' } });
    const text = await upstream.text();
    const result = {
      tenant: 'globex',
      fetched: target,
      status: upstream.status,
      response: parseJson(text) ?? text,
    };
    return new Response(JSON.stringify(result, null, 2) + '\n', { headers: { 'Content-Type': 'application/json' } });
  },
};

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
