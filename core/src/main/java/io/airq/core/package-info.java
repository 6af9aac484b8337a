/**
 * The pure domain of airq: readings in canonical units, the sensor registry, closures, topic
 * descriptors with their serdes, and the maths shared by the streaming and retroactive paths.
 * Nothing here does I/O.
 */
package io.airq.core;
