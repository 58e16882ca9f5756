// From shared/seeds/001_944ae26e3e68cbe6.txt, lines 26–33, verbatim.
export default {
  // this event is fired when the dispatched Workers make a subrequest
  async fetch(request, env, ctx) {
    // env contains the values we set in `dispatcher.get()`
    const customer_name = env.customer_name;
    const original_url = env.url;
    // log the request
    ctx.waitUntil(fetch(
      'https://logs.example.com',
      {
        method: 'POST',
        body: JSON.stringify({
          customer_name,
          original_url,
        }),
      },
    ));
    const url = new URL(original_url);
    if (url.host === 'api.example.com') {
      // pre-auth requests to our API
      const jwt = make_jwt_for_customer(customer_name);
      let headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${jwt}`);
      // clone the request to set new headers using existing body
      let new_request = new Request(request, {headers});
      return fetch(new_request)
    }
    return fetch(request)
  }
};
