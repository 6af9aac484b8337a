/** airq sink. */
package io.airq.sink;
