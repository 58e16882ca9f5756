// A well-behaved tenant that shares the node with the hostile one.
let served = 0;
export default {
  fetch() {
    served++;
    return new Response(`ok ${served}`);
  },
};
