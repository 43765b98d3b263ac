package org.daxsim.testkit;

/**
 * One generated poison placement: a page of a device, by page offset and physical address, and
 * which edge the draw aimed at. Made by {@link GensPoison}.
 *
 * @param pgoff the page offset in the device
 * @param phys the physical address of that page
 * @param edge "first page", "last page", "range i end", "range i start", or "random"
 */
public record PoisonSpot(long pgoff, long phys, String edge) {
  @Override
  public String toString() {
    return String.format("pgoff %d (%#x) [%s]", pgoff, phys, edge);
  }
}
