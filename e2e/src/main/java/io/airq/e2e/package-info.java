/** airq e2e. */
package io.airq.e2e;
