package io.defines.plot.logic;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelPlacerTest {

    static final Rectangle2D BOUNDS = new Rectangle2D.Double(0, 0, 600, 400);

    @Test
    void withRoomNoLabelOverlapsAnotherOrAMarkerOrLeavesTheBounds() {
        Random r = new Random(11);
        for (int round = 0; round < 50; round++) {
            List<Point2D> anchors = new ArrayList<>();
            List<double[]> sizes = new ArrayList<>();
            List<Point2D> markers = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                Point2D p = new Point2D.Double(20 + r.nextDouble() * 560, 20 + r.nextDouble() * 360);
                anchors.add(p);
                markers.add(p);
                sizes.add(new double[] {20 + r.nextInt(30), 10});
            }
            for (int i = 0; i < 40; i++) {
                markers.add(new Point2D.Double(r.nextDouble() * 600, r.nextDouble() * 400));
            }
            List<LabelPlacer.Placement> out = LabelPlacer.place(anchors, sizes, markers, 3.5, BOUNDS);
            assertThat(out).hasSize(15);
            for (int i = 0; i < out.size(); i++) {
                Rectangle2D a = out.get(i).box();
                assertThat(BOUNDS.contains(a)).isTrue();
                assertThat(a.getWidth()).isEqualTo(sizes.get(i)[0]);
                for (int j = i + 1; j < out.size(); j++) {
                    Rectangle2D b = out.get(j).box();
                    assertThat(a.createIntersection(b).isEmpty() || a.createIntersection(b).getWidth() * a.createIntersection(b).getHeight() == 0)
                            .as("round %d labels %d and %d", round, i, j).isTrue();
                }
                assertThat(out.get(i).overlapArea()).as("round %d label %d", round, i).isZero();
            }
        }
    }

    @Test
    void aLabelGoesRightOfItsAnchorWhenFreeAndAvoidsLines() {
        Point2D a = new Point2D.Double(100, 100);
        LabelPlacer.Placement p = LabelPlacer.place(List.of(a), List.<double[]>of(new double[] {30, 10}), List.of(a), 3, BOUNDS).get(0);
        assertThat(p.box().getMinX()).isGreaterThan(100);
        assertThat(p.box().getCenterY()).isEqualTo(100.0);
        assertThat(p.needsLeader()).isFalse();
        // a horizontal line leaving the anchor to the right: the label goes elsewhere
        Line2D line = new Line2D.Double(100, 100, 300, 100);
        LabelPlacer.Placement q = LabelPlacer.place(List.of(a), List.<double[]>of(new double[] {30, 10}), List.of(a), 3, List.of(line), BOUNDS)
                .get(0);
        assertThat(line.intersects(q.box())).isFalse();
        assertThat(q.overlapArea()).isZero();
    }

    @Test
    void crowdedLabelsGetLeadersInsteadOfOverlapping() {
        List<Point2D> anchors = new ArrayList<>();
        List<double[]> sizes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            anchors.add(new Point2D.Double(300 + i * 2, 200));
            sizes.add(new double[] {28, 10});
        }
        List<LabelPlacer.Placement> out = LabelPlacer.place(anchors, sizes, anchors, 3, BOUNDS);
        assertThat(out).allSatisfy(p -> assertThat(p.overlapArea()).isZero());
        assertThat(out).anySatisfy(p -> assertThat(p.needsLeader()).isTrue());
    }
}
