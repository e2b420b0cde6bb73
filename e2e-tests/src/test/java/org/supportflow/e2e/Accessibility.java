package org.supportflow.e2e;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accessibility checks of a page in the browser: axe-core (from its Maven artifact, a test dependency; nothing
 * is fetched at run time) with the WCAG 2.1 A/AA and best-practice rules, and the keyboard: the order Tab goes
 * through the page's regions, and a visible focus indicator on every stop.
 */
final class Accessibility {

    private static final String AXE_VERSION = System.getProperty("axe-core.version", "4.6.3");
    private static final String AXE = read("META-INF/resources/webjars/axe-core/" + AXE_VERSION + "/axe.min.js");

    private Accessibility() {
    }

    private static String read(String resource) {
        try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (org.webjars.npm:axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs axe-core on the page as it is now; fails listing every violation, its elements and how to fix them. */
    @SuppressWarnings("unchecked")
    static void assertNoViolations(WebDriver page, String what) {
        JavascriptExecutor js = (JavascriptExecutor) page;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(AXE);
        }
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
                  .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) }))))
                  .catch(e => done([{ id: 'axe-error', help: String(e), nodes: [] }]));""");
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
        StringBuilder report = new StringBuilder();
        for (Map<String, Object> violation : violations) {
            report.append('\n').append(violation.get("id")).append(" (").append(violation.get("impact")).append("): ")
                    .append(violation.get("help"));
            for (Object node : (List<Object>) violation.get("nodes")) {
                report.append("\n    ").append(node);
            }
        }
        assertThat(violations).as("axe-core on %s:%s", what, report).isEmpty();
    }

    /**
     * Tabs through the page from its first control: the regions (CSS selectors) come in the given order, none
     * again after the next has begun, and every stop shows a focus outline.
     */
    static void assertFocusOrder(WebDriver page, List<String> regions) {
        JavascriptExecutor js = (JavascriptExecutor) page;
        js.executeScript("""
                const first = [...document.querySelectorAll('button, select, input, textarea, a[href]')]
                  .find(e => !e.disabled && e.offsetParent !== null);
                first.focus();""");
        List<String> visited = new ArrayList<>();
        List<String> unseen = new ArrayList<>();
        String probe = """
                const e = document.activeElement, regions = arguments[0];
                if (e === document.body) return ['left the page', true, ''];
                const region = regions.find(r => e.closest(r)) ?? 'elsewhere';
                const style = getComputedStyle(e);
                const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
                return [region, visible, e.outerHTML.slice(0, 120)];""";
        for (int i = 0; i < 80; i++) {
            @SuppressWarnings("unchecked")
            List<Object> stop = (List<Object>) js.executeScript(probe, regions);
            String region = (String) stop.get(0);
            if (region.equals("left the page")) {
                break; // Tab went past the page's last control, to the browser
            }
            if (i > 0 && !Boolean.TRUE.equals(stop.get(1))) {
                unseen.add((String) stop.get(2));
            }
            if (visited.isEmpty() || !visited.getLast().equals(region)) {
                if (!visited.isEmpty() && visited.getLast().equals(regions.getLast())) {
                    break; // past the last region
                }
                visited.add(region);
            }
            new Actions(page).sendKeys(Keys.TAB).perform();
        }
        assertThat(visited.subList(0, Math.min(visited.size(), regions.size()))).as("regions in Tab order: %s", visited)
                .isEqualTo(regions);
        assertThat(unseen).as("focused by Tab without a visible focus indicator").isEmpty();
    }
}
