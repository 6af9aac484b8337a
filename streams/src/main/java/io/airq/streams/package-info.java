/** airq streams. */
package io.airq.streams;
