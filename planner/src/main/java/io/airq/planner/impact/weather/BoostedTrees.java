package io.airq.planner.impact.weather;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Gradient-boosted regression trees (XGBoost through Tribuo): squared error, depth at most 6, at
 * least 5 hours' weight in a leaf, 80 % of the hours and 80 % of the inputs per tree, learning rate
 * {@code min(0.3, 15 / rounds)} (0.1 at 150 rounds, 0.3 at 50), one thread, so the same data and
 * seed give the same model.
 */
final class BoostedTrees {
  private static final RegressionFactory FACTORY = new RegressionFactory();
  private static final OffsetDateTime FIXED =
      OffsetDateTime.of(2023, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final String TARGET = "log_mean";

  static {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
  }

  private final Model<Regressor> model;
  private final String[] names;

  private BoostedTrees(Model<Regressor> model, String[] names) {
    this.model = model;
    this.names = names;
  }

  static BoostedTrees fit(String[] names, List<double[]> x, double[] y, int rounds, long seed) {
    MutableDataset<Regressor> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("airq", FIXED, FACTORY), FACTORY);
    for (int i = 0; i < x.size(); i++) {
      data.add(new ArrayExample<>(new Regressor(TARGET, y[i]), names, x.get(i)));
    }
    XGBoostRegressionTrainer trainer =
        new XGBoostRegressionTrainer(
            XGBoostTrainer.BoosterType.GBTREE,
            XGBoostTrainer.TreeMethod.HIST,
            XGBoostRegressionTrainer.RegressionType.LINEAR,
            rounds,
            Math.min(0.3, 15.0 / rounds),
            0,
            6,
            5,
            0.8,
            0.8,
            1,
            0,
            1,
            XGBoostTrainer.LoggingVerbosity.SILENT,
            seed);
    return new BoostedTrees(trainer.train(data), names);
  }

  /** Predictions on the model's (log) scale (none for no rows: XGBoost fails on an empty batch). */
  double[] predict(List<double[]> x) {
    if (x.isEmpty()) {
      return new double[0];
    }
    List<Example<Regressor>> examples = new ArrayList<>(x.size());
    for (double[] row : x) {
      examples.add(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, row));
    }
    List<Prediction<Regressor>> p = model.predict(examples);
    double[] out = new double[p.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.get(i).getOutput().getValues()[0];
    }
    return out;
  }
}
