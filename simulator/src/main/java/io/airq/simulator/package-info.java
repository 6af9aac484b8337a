/** airq simulator. */
package io.airq.simulator;
