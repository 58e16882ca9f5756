// Fetches its own public URL (?front= is the platform's public listener; the dispatcher routes /loop-fetch/ here),
// so every request comes back through the front door: a loop through the network. The innermost invocation reports
// how deep it was and what ended the loop, a thrown error or an error page.
export default {
  async fetch(request) {
    const nested = Number(request.headers.get('x-nested') ?? 0) + 1;
    const front = new URL(request.url).searchParams.get('front');
    let response;
    try {
      response = await fetch(`${front}/loop-fetch/?front=${encodeURIComponent(front)}`, { headers: { 'x-nested': String(nested) } });
    } catch (e) {
      return new Response(`stopped after ${nested} nested invocations: ${e.message}`, { status: 508 });
    }
    const code = response.headers.get('cf-error-code');
    if (code !== null) return new Response(`stopped after ${nested} nested invocations: error page ${code}`, { status: 508 });
    return response;
  },
};
