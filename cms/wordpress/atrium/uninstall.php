<?php
/**
 * Deleting the plugin removes its one option. Posts keep their blocks and shortcodes (they render
 * nothing without the plugin).
 *
 * @package Atrium
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}
delete_option( 'atrium_deployment_url' );
