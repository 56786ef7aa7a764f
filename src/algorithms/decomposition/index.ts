// Public names of the decomposition parts: reference directions and scalarising functions.

export { binomial, dasDennis, dasDennisCount, directionsForPopulation, partitionsForPopulation } from './das-dennis.js';
export { tchebycheff } from './tchebycheff.js';
