// Reports what the platform let this worker see of the incoming request.
export default {
  fetch(request) {
    return Response.json({ cf: request.cf ?? null });
  },
};
